/**
 * Reading the devices' state from the client's status output. `describe-device` prints one device and
 * `describe-cluster` a `Devices` list (developer guide, "Commands for the Snowball Edge Client" and
 * "Replacing a node in a cluster"): each with `UnlockStatus.State` (LOCKED, UNLOCKING, UNLOCKED),
 * `ActiveNetworkInterface.IpAddress` and, in a cluster, `NetworkReachability.State` — a node that does
 * not answer is listed as UNREACHABLE without a state or an address. The legacy `snowball status` prints
 * `Snowball Status: SUCCESS` once `snowball start` has unlocked it.
 */
import type { DeviceUnlockInfo } from '../../contract';
import { JVM_NOTICE } from './client-words';
import { firstJsonDocument, isRecord, nonEmptyLines, recordAt, stringAt } from './json-document';

export type DeviceState = 'LOCKED' | 'UNLOCKING' | 'UNLOCKED';
type NodeState = DeviceUnlockInfo['state'];

const ORDER: readonly NodeState[] = ['UNKNOWN', 'LOCKED', 'UNLOCKING', 'UNLOCKED'];

export interface NodeStatus {
  id: string | null;
  ip: string | null;
  state: NodeState;
  /** NetworkReachability.State; a device that printed its own description answered, so true. */
  reachable: boolean | null;
}

export interface StatusReport {
  nodes: NodeStatus[];
  /** What the client printed besides the document (notices, warnings), for the window to fold away. */
  words: string[];
}

/** null when the output holds no device description (then it is a failed status check). */
export function parseDescribe(text: string): StatusReport | null {
  const doc = firstJsonDocument(text, (value) => isRecord(value) && (isCluster(value) || isDevice(value)));
  if (!doc || !isRecord(doc.value)) return null;
  const cluster = isCluster(doc.value);
  const entries = cluster ? (doc.value.Devices as unknown[]) : [doc.value];
  const nodes = entries.filter(isRecord).map((entry) => nodeOf(entry, !cluster));
  return nodes.length === 0 ? null : { nodes, words: doc.otherLines.filter((l) => !JVM_NOTICE.test(l)) };
}

/** The legacy client: SUCCESS means started (unlocked); any other status is not there yet. */
export function parseLegacyStatus(text: string): StatusReport | null {
  const match = /^\s*Snowball Status:\s*(\w+)/im.exec(text);
  if (!match) return null;
  const state: DeviceState = match[1]?.toUpperCase() === 'SUCCESS' ? 'UNLOCKED' : 'LOCKED';
  const ip = /S3 Endpoint running at:\s*\S*?\/\/([^:/\s]+)/i.exec(text)?.[1] ?? null;
  const words = nonEmptyLines(text).filter(
    (l) => !/^(Snowball Status|S3 Endpoint running at):/i.test(l) && !JVM_NOTICE.test(l),
  );
  return { nodes: [{ id: null, ip, state, reachable: true }], words };
}

/**
 * Each address the person gave, with what the last report said of it. A node is matched by its active
 * address; a host no node reports is UNKNOWN, and unreachable when the report lists a node it could not
 * reach (such a node carries no address).
 */
export function devicesOnHosts(hosts: readonly string[], report: StatusReport): DeviceUnlockInfo[] {
  if (hosts.length === 1 && report.nodes.length === 1) {
    const [node] = report.nodes;
    return [
      {
        host: hosts[0] ?? '',
        state: node?.state ?? 'UNKNOWN',
        reachable: node?.reachable ?? null,
        deviceId: node?.id ?? null,
      },
    ];
  }
  const byIp = new Map(report.nodes.filter((n) => n.ip).map((n) => [n.ip, n]));
  const silent = report.nodes.some((n) => !n.ip && n.reachable === false);
  return hosts.map((host) => {
    const node = byIp.get(host);
    return node
      ? { host, state: node.state, reachable: node.reachable, deviceId: node.id }
      : { host, state: 'UNKNOWN', reachable: silent ? false : null, deviceId: null };
  });
}

/** UNLOCKED only when every device is; otherwise the least advanced known state. */
export function overallState(devices: readonly DeviceUnlockInfo[]): DeviceState {
  if (devices.length > 0 && devices.every((d) => d.state === 'UNLOCKED')) return 'UNLOCKED';
  const known = devices.map((d) => d.state).filter((s): s is DeviceState => s !== 'UNKNOWN');
  if (known.length === 0) return 'LOCKED';
  return known.reduce((least, s) => (ORDER.indexOf(s) < ORDER.indexOf(least) ? s : least));
}

/** One line per status check, for people. */
export function summaryOf(devices: readonly DeviceUnlockInfo[]): string {
  const [only] = devices;
  if (devices.length === 1 && only) {
    return only.state === 'UNKNOWN'
      ? 'The device answered without an unlock state.'
      : `The device reports ${only.state}.`;
  }
  const count = (state: NodeState) => devices.filter((d) => d.state === state).length;
  const parts = (['UNLOCKED', 'UNLOCKING', 'LOCKED'] as const)
    .filter((state) => count(state) > 0)
    .map((state) => `${count(state)} ${state}`);
  const silent = devices.filter((d) => d.state === 'UNKNOWN').map((d) => d.host);
  if (silent.length > 0) parts.push(`${silent.length} not reporting (${silent.join(', ')})`);
  return `${devices.length} nodes: ${parts.join(', ')}.`;
}

function nodeOf(entry: Record<string, unknown>, single: boolean): NodeStatus {
  const reachability = recordAt(entry, 'NetworkReachability');
  const reach = reachability ? stringAt(reachability, 'State') : null;
  return {
    id: stringAt(entry, 'DeviceId'),
    ip: ipOf(entry),
    state: stateOf(entry) ?? 'UNKNOWN',
    reachable: reach === 'REACHABLE' ? true : reach === 'UNREACHABLE' ? false : single ? true : null,
  };
}

function isCluster(value: Record<string, unknown>): boolean {
  return Array.isArray(value.Devices);
}

function isDevice(value: Record<string, unknown>): boolean {
  return stateOf(value) !== null;
}

function stateOf(entry: Record<string, unknown>): DeviceState | null {
  const raw = recordAt(entry, 'UnlockStatus')?.State;
  return typeof raw === 'string' && ['LOCKED', 'UNLOCKING', 'UNLOCKED'].includes(raw)
    ? (raw as DeviceState)
    : null;
}

function ipOf(entry: Record<string, unknown>): string | null {
  const active = recordAt(entry, 'ActiveNetworkInterface');
  return active ? stringAt(active, 'IpAddress') : null;
}
