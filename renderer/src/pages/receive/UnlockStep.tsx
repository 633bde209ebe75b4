import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import { useState } from 'react';
import type { UnlockState } from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { useAction } from '../../api/use-action';
import { useCompanionEvent } from '../../api/events';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClientProfile } from './ClientProfile';
import type { DeviceChoice } from './DeviceStep';

export interface UnlockRun {
  runId: string;
  commandLine: string;
  state: UnlockState;
  message: string | null;
  lines: { stream: 'stdout' | 'stderr'; line: string }[];
}

interface Props {
  handleId: string | null;
  manifestPath: string;
  device: DeviceChoice;
  run: UnlockRun | null;
  onRun: (update: (run: UnlockRun | null) => UnlockRun | null) => void;
}

const STATE_LOOK: Record<UnlockState, { type: StatusIndicatorProps.Type; text: string }> = {
  starting: { type: 'in-progress', text: 'Starting the Snowball client' },
  LOCKED: { type: 'pending', text: 'Locked' },
  UNLOCKING: { type: 'in-progress', text: 'Unlocking (this takes a few minutes)' },
  UNLOCKED: { type: 'success', text: 'Unlocked' },
  failed: { type: 'error', text: 'Failed' },
  cancelled: { type: 'stopped', text: 'Cancelled' },
  'timed-out': { type: 'error', text: 'Timed out' },
};

const FINISHED: UnlockState[] = ['UNLOCKED', 'failed', 'cancelled', 'timed-out'];

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
  useCompanionEvent('unlockStatus', ({ runId, state, message }) =>
    setRun((r) => (r && r.runId === runId ? { ...r, state, message } : r)),
  );
  return [run, setRun];
}

/** Run the client, show what it prints (the code already replaced), follow the device to UNLOCKED. */
export function UnlockStep({ handleId, manifestPath, device, run, onRun }: Props) {
  const { busy, error, setError, run: act } = useAction();

  const start = async () => {
    const client = device.client;
    if (!handleId || !client) return;
    await act(async () => {
      const started = await call('startUnlock', {
        handleId,
        manifestPath,
        hosts: device.hosts,
        clientPath: client.path,
      });
      onRun(() => ({ ...started, state: 'starting', message: null, lines: [] }));
    });
  };

  const running = run !== null && !FINISHED.includes(run.state);
  const missing = !handleId
    ? 'the unlock code'
    : !device.client
      ? 'a Snowball client (previous step)'
      : device.hosts.length === 0
        ? 'the device address (previous step)'
        : null;

  return (
    <SpaceBetween size="l">
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Device', value: device.hosts.join(', ') || '—' },
          { label: 'Manifest', value: manifestPath || '—' },
          { label: 'Client', value: device.client?.path ?? '—' },
        ]}
      />
      {missing && <Alert type="info">Before unlocking, this needs {missing}.</Alert>}
      <SpaceBetween direction="horizontal" size="xs">
        <Button
          variant="primary"
          onClick={() => void start()}
          loading={busy}
          disabled={Boolean(missing) || running || run?.state === 'UNLOCKED'}
        >
          {run && run.state !== 'UNLOCKED' && !running ? 'Try again' : 'Unlock the device'}
        </Button>
        {running && run && (
          <Button
            onClick={() =>
              void call('cancelUnlock', { runId: run.runId }).catch((e: unknown) => setError(errorOf(e)))
            }
          >
            Cancel
          </Button>
        )}
      </SpaceBetween>
      <ErrorAlert error={error} />
      {handleId && device.client && device.hosts[0] && manifestPath && (
        <ClientProfile
          handleId={handleId}
          manifestPath={manifestPath}
          host={device.hosts[0]}
          clientPath={device.client.path}
        />
      )}
      {run && (
        <SpaceBetween size="s">
          <LiveRegion>
            <StatusIndicator type={STATE_LOOK[run.state].type}>
              <span data-testid="unlock-state">{STATE_LOOK[run.state].text}</span>
              {run.message ? (
                <>
                  {' — '}
                  <span data-testid="unlock-message">{run.message}</span>
                </>
              ) : null}
            </StatusIndicator>
          </LiveRegion>
          <Box variant="awsui-key-label">Command</Box>
          <Box variant="code">{run.commandLine}</Box>
          <Box variant="awsui-key-label">Output</Box>
          <div role="log" aria-label="Snowball client output" style={{ maxHeight: 260, overflow: 'auto' }}>
            <Box variant="pre" fontSize="body-s">
              <span data-testid="unlock-output">
                {run.lines.map((l) => l.line).join('\n') || '(no output yet)'}
              </span>
            </Box>
          </div>
        </SpaceBetween>
      )}
    </SpaceBetween>
  );
}
