import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import Steps from '@cloudscape-design/components/steps';
import Table from '@cloudscape-design/components/table';
import { useEffect, useRef, useState } from 'react';
import type { DeviceUnlockInfo, EventPayload, UnlockState } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useCompanionEvent } from '../../api/events';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../format';
import { ClientProfile } from './ClientProfile';
import { PROBE_HEADERS, type DeviceChoice } from './DeviceStep';

type Status = EventPayload<'unlockStatus'>;

export interface UnlockRun {
  runId: string;
  commandLine: string;
  state: UnlockState;
  message: string | null;
  lines: { stream: 'stdout' | 'stderr'; line: string }[];
  /** The last status event: phase, each device, the quiet window, timing. */
  status: Status | null;
  /** One summary line per status check, oldest first. */
  checks: { at: number; state: UnlockState; message: string }[];
  /** What the client said besides its status (notices), each once. */
  notes: string[];
  /** When the window learnt the run had ended. */
  endedAt: number | null;
}

interface Props {
  handleId: string | null;
  manifestPath: string;
  device: DeviceChoice;
  run: UnlockRun | null;
  onRun: (update: (run: UnlockRun | null) => UnlockRun | null) => void;
  /** What comes after an unlock, for the success alert's action (the wizard's next step). */
  onNext?: () => void;
  nextLabel?: string;
}

const STATE_LOOK: Record<UnlockState, { type: StatusIndicatorProps.Type; text: string }> = {
  starting: { type: 'in-progress', text: 'Starting' },
  LOCKED: { type: 'pending', text: 'Locked' },
  UNLOCKING: { type: 'in-progress', text: 'Unlocking' },
  UNLOCKED: { type: 'success', text: 'Unlocked' },
  failed: { type: 'error', text: 'Failed' },
  cancelled: { type: 'stopped', text: 'Stopped' },
  'timed-out': { type: 'error', text: 'Timed out' },
};

const NODE_LOOK: Record<DeviceUnlockInfo['state'], { type: StatusIndicatorProps.Type; text: string }> = {
  UNKNOWN: { type: 'pending', text: 'Not reported yet' },
  LOCKED: { type: 'pending', text: 'Locked' },
  UNLOCKING: { type: 'in-progress', text: 'Unlocking' },
  UNLOCKED: { type: 'success', text: 'Unlocked' },
};

const FINISHED: UnlockState[] = ['UNLOCKED', 'failed', 'cancelled', 'timed-out'];
const PHASES = [
  { phase: 'client-started', header: 'Client started' },
  { phase: 'authenticating', header: 'Authenticating (manifest and unlock code)' },
  { phase: 'unlocking', header: 'Unlocking' },
  { phase: 'unlocked', header: 'Unlocked' },
] as const;

/**
 * The state of an unlock run, fed by main's events. Used by the page that owns the wizard, so the run is
 * followed even while another step is on screen.
 */
export function useUnlockRun(): [
  UnlockRun | null,
  (update: (run: UnlockRun | null) => UnlockRun | null) => void,
] {
  const [run, setRun] = useState<UnlockRun | null>(null);
  useCompanionEvent('unlockOutput', ({ runId, stream, line }) =>
    setRun((r) => (r && r.runId === runId ? { ...r, lines: [...r.lines, { stream, line }].slice(-500) } : r)),
  );
  useCompanionEvent('unlockStatus', (status) =>
    setRun((r) => {
      if (!r || r.runId !== status.runId) return r;
      const check =
        status.phase === 'unlocking' &&
        status.message &&
        !FINISHED.includes(status.state) &&
        (status.state !== 'starting' || status.quietSince !== null)
          ? [{ at: Date.now(), state: status.state, message: status.message }]
          : [];
      const notes = [...r.notes, ...status.notes.filter((n) => !r.notes.includes(n))].slice(-20);
      return {
        ...r,
        state: status.state,
        message: status.message,
        status,
        checks: [...r.checks, ...check].slice(-200),
        notes,
        endedAt: FINISHED.includes(status.state) ? (r.endedAt ?? Date.now()) : null,
      };
    }),
  );
  return [run, setRun];
}

/** The time, ticking every second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/** Run the client, follow the device to UNLOCKED: where it is, each check in a line, the raw output folded away. */
export function UnlockStep({ handleId, manifestPath, device, run, onRun, onNext, nextLabel }: Props) {
  const { running: acting, error, run: act } = useAction();
  const [anyway, setAnyway] = useState(false);
  const [codeInArguments, setCodeInArguments] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const client = device.client;
  const cluster = device.hosts.length > 1;
  const running = run !== null && !FINISHED.includes(run.state);
  const finished = run !== null && FINISHED.includes(run.state);
  const status = run?.status ?? null;
  const now = useNow(running);
  const elapsed = status ? Math.max(0, now - status.startedAt) : 0;

  // The Unlock button goes away at the end of a run: focus moves to what happened.
  useEffect(() => {
    if (finished) resultRef.current?.focus();
  }, [finished, run?.runId]);

  const probes = (device.probes ?? []).filter((p) => device.hosts.includes(p.host));
  const silent = device.hosts.filter((h) => probes.find((p) => p.host === h)?.outcome !== 'open');
  const notChecked = probes.length === 0;

  const start = async () => {
    if (!handleId || !client) return;
    await act(async () => {
      const started = await call('startUnlock', {
        handleId,
        manifestPath,
        hosts: device.hosts,
        clientPath: client.path,
        ...(client.takesProfile ? {} : { allowCodeInArguments: codeInArguments }),
      });
      onRun(() => ({
        ...started,
        state: 'starting',
        message: null,
        lines: [],
        status: null,
        checks: [],
        notes: [],
        endedAt: null,
      }));
    }, 'start');
  };

  const missing = !handleId
    ? 'the unlock code'
    : !client
      ? 'a Snowball client (previous step)'
      : device.hosts.length === 0
        ? 'the device address (previous step)'
        : client.trust === 'unconfirmed' || client.trust === 'changed'
          ? 'your confirmation of the Snowball client (previous step)'
          : null;
  const needsAnyway = !notChecked && silent.length > 0;
  const blocked =
    Boolean(missing) || (needsAnyway && !anyway) || (client?.takesProfile === false && !codeInArguments);
  const what = cluster ? 'the cluster' : 'the device';

  return (
    <div data-testid="unlock-step">
      <SpaceBetween size="l">
        <KeyValuePairs
          columns={3}
          items={[
            { label: cluster ? 'Cluster nodes' : 'Device', value: device.hosts.join(', ') || '—' },
            { label: 'Manifest', value: manifestPath || '—' },
            {
              label: 'Client',
              value: client ? (client.trust === 'simulated' ? 'Simulated client (demo)' : client.path) : '—',
            },
          ]}
        />
        {client?.trust === 'simulated' && (
          <Alert type="info" header="Simulated">
            This unlock runs against the demo account’s simulated device and client: nothing real is unlocked,
            and the activity log marks it as simulated.
          </Alert>
        )}
        {missing && <Alert type="info">Before unlocking, this needs {missing}.</Alert>}
        {!missing && !running && notChecked && (
          <Alert type="info">
            The connection was not checked. You can check it on the previous step first.
          </Alert>
        )}
        {!missing && !running && needsAnyway && (
          <Alert
            type="warning"
            header={`${silent.length} of ${device.hosts.length} did not answer the connection check`}
          >
            <SpaceBetween size="xs">
              <ul data-testid="silent-nodes" style={{ margin: 0 }}>
                {silent.map((h) => {
                  const outcome = probes.find((p) => p.host === h)?.outcome;
                  return <li key={h}>{`${h}: ${outcome ? PROBE_HEADERS[outcome] : 'not checked'}`}</li>;
                })}
              </ul>
              <span>
                Unlocking {cluster ? 'these nodes' : 'it'} will likely fail until{' '}
                {cluster ? 'they answer' : 'it answers'}: check their cables and addresses, then check the
                connection again on the previous step.
              </span>
              <Checkbox checked={anyway} onChange={({ detail }) => setAnyway(detail.checked)}>
                Unlock anyway
              </Checkbox>
            </SpaceBetween>
          </Alert>
        )}
        {!missing && client?.takesProfile === false && !running && (
          <Alert type="warning" header="This client takes the unlock code only in its command line">
            <SpaceBetween size="xs">
              <span>
                The legacy snowball client has no profiles, so the code would be in its command line while it
                runs, where other accounts on this computer, and tools that record command lines, can read it.
                The Snowball Edge client does not need that.
              </span>
              <Checkbox
                checked={codeInArguments}
                onChange={({ detail }) => setCodeInArguments(detail.checked)}
              >
                Run it with the unlock code in its command line
              </Checkbox>
            </SpaceBetween>
          </Alert>
        )}
        <SpaceBetween direction="horizontal" size="xs">
          {!running && run?.state !== 'UNLOCKED' && (
            <Button
              variant="primary"
              onClick={() => void start()}
              loading={acting === 'start'}
              disabled={blocked}
            >
              {run ? 'Try again' : cluster ? 'Unlock the cluster' : 'Unlock the device'}
            </Button>
          )}
          {running && run && (
            <Button
              onClick={() =>
                void act(async () => {
                  await call('cancelUnlock', { runId: run.runId });
                }, 'cancel')
              }
            >
              Stop unlocking
            </Button>
          )}
        </SpaceBetween>
        <ErrorAlert error={error} />
        {run && (
          <SpaceBetween size="m">
            <LiveRegion>
              <StatusIndicator type={STATE_LOOK[run.state].type}>
                <span data-testid="unlock-state">{STATE_LOOK[run.state].text}</span>
                {run.message && !finished ? (
                  <>
                    {' — '}
                    <span data-testid="unlock-message">{run.message}</span>
                  </>
                ) : null}
              </StatusIndicator>
            </LiveRegion>
            {status && (
              <Box variant="p" data-testid="unlock-timing">
                {finished ? 'Took' : 'Elapsed'}{' '}
                {formatDuration(finished && run.endedAt ? run.endedAt - status.startedAt : elapsed)}; an
                unlock usually takes about {formatDuration(status.expectedMs)}.
              </Box>
            )}
            <Steps
              ariaLabel="Unlock progress"
              steps={PHASES.map(({ header }, i) => ({
                header,
                status: phaseStatus(i, status, run.state),
              }))}
            />
            {status?.quietSince != null && running && (
              <Alert type="info" header="The device is not answering status checks">
                This is normal for up to {formatDuration(status.quietLimitMs)} while it restarts its services;
                it has been {formatDuration(Math.max(0, now - status.quietSince))}. Snowball Companion keeps
                checking.
              </Alert>
            )}
            {cluster && status && (
              <Table
                variant="embedded"
                header={<Header variant="h2">Cluster nodes</Header>}
                ariaLabels={{ tableLabel: 'Cluster nodes' }}
                items={status.devices}
                trackBy="host"
                columnDefinitions={[
                  { id: 'host', header: 'Address', cell: (d) => d.host },
                  {
                    id: 'state',
                    header: 'State',
                    cell: (d) => (
                      <StatusIndicator type={NODE_LOOK[d.state].type}>
                        {NODE_LOOK[d.state].text}
                      </StatusIndicator>
                    ),
                  },
                  {
                    id: 'reachable',
                    header: 'Reachable',
                    cell: (d) => (d.reachable === null ? '—' : d.reachable ? 'Yes' : 'No, it did not answer'),
                  },
                  { id: 'device', header: 'Device ID', cell: (d) => d.deviceId ?? '—' },
                ]}
              />
            )}
            <div ref={resultRef} tabIndex={-1} data-testid="unlock-result">
              {run.state === 'UNLOCKED' && (
                <Alert
                  type="success"
                  header={cluster ? 'The cluster is unlocked' : 'The device is unlocked'}
                  action={onNext ? <Button onClick={onNext}>{nextLabel ?? 'Next step'}</Button> : undefined}
                >
                  <span data-testid="unlock-message">{run.message}</span>{' '}
                  {cluster ? 'Every node is' : 'It is'} ready to use. Next: finish receiving: see what was
                  stored where, and get the return label when you are done with the{' '}
                  {cluster ? 'devices' : 'device'}.
                </Alert>
              )}
              {finished && run.state !== 'UNLOCKED' && (
                <Alert
                  type={run.state === 'cancelled' ? 'info' : 'error'}
                  header={
                    run.state === 'cancelled' ? 'Unlocking stopped' : `Unlocking ${what} did not finish`
                  }
                >
                  <span data-testid="unlock-message">{run.message}</span>
                </Alert>
              )}
            </div>
            {run.checks.length > 0 && (
              <ExpandableSection headerText={`Status checks (${run.checks.length})`} defaultExpanded>
                <ol
                  aria-label="Status checks"
                  data-testid="unlock-checks"
                  start={Math.max(1, run.checks.length - 7)}
                  style={{ margin: 0, paddingLeft: 28 }}
                >
                  {run.checks.slice(-8).map((c, i) => (
                    <li key={`${c.at}-${i}`}>
                      {new Date(c.at).toLocaleTimeString()} — {c.message}
                    </li>
                  ))}
                </ol>
              </ExpandableSection>
            )}
            {run.notes.length > 0 && (
              <ExpandableSection headerText="The client also said">
                <ul data-testid="unlock-notes">
                  {run.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </ExpandableSection>
            )}
            <ExpandableSection headerText="Client output (raw)">
              <SpaceBetween size="xs">
                <Box variant="awsui-key-label">Command</Box>
                <Box variant="code">{run.commandLine}</Box>
                <Box variant="awsui-key-label">Output</Box>
                {/* Focusable, so the keyboard can scroll it; long lines wrap instead of widening the page. */}
                <div
                  role="log"
                  aria-label="Snowball client output"
                  tabIndex={0}
                  style={{ maxHeight: 260, overflow: 'auto' }}
                >
                  <pre
                    data-testid="unlock-output"
                    style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 }}
                  >
                    {run.lines.map((l) => l.line).join('\n') || '(no output yet)'}
                  </pre>
                </div>
              </SpaceBetween>
            </ExpandableSection>
          </SpaceBetween>
        )}
        {handleId && client && client.trust === 'confirmed' && device.hosts[0] && manifestPath && (
          <ClientProfile
            handleId={handleId}
            manifestPath={manifestPath}
            host={device.hosts[0]}
            clientPath={client.path}
          />
        )}
      </SpaceBetween>
    </div>
  );
}

/** The stepper: done before the run's phase, in progress (or failed) at it, pending after. */
function phaseStatus(index: number, status: Status | null, state: UnlockState): StatusIndicatorProps.Type {
  const at = status ? PHASES.findIndex((p) => p.phase === status.phase) : 0;
  if (state === 'UNLOCKED') return 'success';
  if (index < at) return 'success';
  if (index > at) return 'pending';
  if (state === 'failed' || state === 'timed-out') return 'error';
  if (state === 'cancelled') return 'stopped';
  return 'in-progress';
}
