/**
 * Reading the device's state from the client's status output: `describe-device` and `describe-cluster`
 * print JSON with `UnlockStatus.State` (LOCKED, UNLOCKING, UNLOCKED) per device; the legacy
 * `snowball status` prints `Snowball Status: SUCCESS` once `snowball start` has unlocked it.
 */
export type DeviceState = 'LOCKED' | 'UNLOCKING' | 'UNLOCKED';

const ORDER: readonly DeviceState[] = ['LOCKED', 'UNLOCKING', 'UNLOCKED'];

export interface DeviceStatus {
  /** The least advanced state of all devices: a cluster is UNLOCKED only when every node is. */
  state: DeviceState;
  devices: { id: string | null; ip: string | null; state: DeviceState }[];
  /** One sentence for people. */
  summary: string;
}

/** null when the output holds no recognisable state (then the output itself is shown). */
export function parseDescribe(text: string): DeviceStatus | null {
  const json = firstJsonObject(text);
  if (!isRecord(json)) return null;
  const entries = Array.isArray(json.Devices) ? json.Devices : [json];
  const devices: DeviceStatus['devices'] = [];
  for (const entry of entries) {
    if (!isRecord(entry)) return null;
    const state = stateOf(entry);
    if (!state) return null;
    devices.push({ id: stringAt(entry, 'DeviceId'), ip: ipOf(entry), state });
  }
  const first = devices[0];
  if (!first) return null;
  const state = devices.reduce<DeviceState>(
    (least, d) => (ORDER.indexOf(d.state) < ORDER.indexOf(least) ? d.state : least),
    first.state,
  );
  const unlocked = devices.filter((d) => d.state === 'UNLOCKED').length;
  const summary =
    devices.length === 1
      ? `The device reports ${state}.`
      : `${unlocked} of ${devices.length} devices report UNLOCKED${state === 'UNLOCKED' ? '' : `; the cluster is ${state}`}.`;
  return { state, devices, summary };
}

/** The legacy client: SUCCESS means started (unlocked); anything else is not there yet. */
export function parseLegacyStatus(text: string): DeviceStatus | null {
  const match = /Snowball Status:\s*(\w+)/i.exec(text);
  if (!match) return null;
  const state: DeviceState = match[1]?.toUpperCase() === 'SUCCESS' ? 'UNLOCKED' : 'LOCKED';
  const ip = /S3 Endpoint running at:\s*\S*?\/\/([^:/\s]+)/i.exec(text)?.[1] ?? null;
  return {
    state,
    devices: [{ id: null, ip, state }],
    summary: state === 'UNLOCKED' ? 'The Snowball reports SUCCESS.' : 'The Snowball is not ready yet.',
  };
}

function stateOf(entry: Record<string, unknown>): DeviceState | null {
  const unlock = entry.UnlockStatus;
  const raw = isRecord(unlock) ? unlock.State : undefined;
  return typeof raw === 'string' && (ORDER as readonly string[]).includes(raw) ? (raw as DeviceState) : null;
}

function ipOf(entry: Record<string, unknown>): string | null {
  const active = entry.ActiveNetworkInterface;
  return isRecord(active) ? stringAt(active, 'IpAddress') : null;
}

function stringAt(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON document in the output (the client may print a notice line before it). */
function firstJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  try {
    return JSON.parse(text.slice(start, end + 1)) as unknown;
  } catch {
    return null;
  }
}
