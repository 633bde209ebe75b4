import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useEffect, useState } from 'react';
import type {
  IpcError,
  JobSummaryInfo,
  SeparationInfo,
  UnlockCodeHandleInfo,
} from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { useCompanionEvent } from '../../api/events';
import { Countdown } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { isAbsolutePath, joinPath } from '../../paths';

export type CodeStorage = 'password-manager' | 'paper' | 'file';

/** Where the code ended up, for the summary (never the code itself). */
export interface StoredCode {
  how: CodeStorage;
  path: string | null;
}

interface Props {
  job: JobSummaryInfo;
  manifestPath: string;
  initialFolder: string;
  handle: UnlockCodeHandleInfo | null;
  onHandle: (handle: UnlockCodeHandleInfo) => void;
  stored: StoredCode | null;
  onStored: (stored: StoredCode) => void;
}

const MASK = '•••••-•••••-•••••-•••••-•••••';

/** Fetch the unlock code into main, then keep it apart from the manifest: copy, write down, or save. */
export function UnlockCodeStep({
  job,
  manifestPath,
  initialFolder,
  handle,
  onHandle,
  stored,
  onStored,
}: Props) {
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The code's text lives here only while it is shown.
  const [revealed, setRevealed] = useState<string | null>(null);
  const [clipboard, setClipboard] = useState<{
    clearsAt: number;
    outcome: 'cleared' | 'left-alone' | null;
  } | null>(null);
  const [how, setHow] = useState<CodeStorage>('password-manager');
  const [file, setFile] = useState(() =>
    initialFolder ? joinPath(initialFolder, `${job.jobId}_unlock-code.txt`) : '',
  );
  const [checked, setChecked] = useState<{ key: string; verdict: SeparationInfo } | null>(null);
  const [accepted, setAccepted] = useState(false);

  useCompanionEvent('clipboardTimer', ({ outcome }) => setClipboard((c) => (c ? { ...c, outcome } : c)));

  // Hide the code again after a minute on screen.
  useEffect(() => {
    if (!revealed) return undefined;
    const timer = setTimeout(() => setRevealed(null), 60_000);
    return () => clearTimeout(timer);
  }, [revealed]);

  // The separation check runs as the place changes; a verdict belongs to the place it was made for.
  const location =
    how === 'file'
      ? isAbsolutePath(file.trim())
        ? { kind: 'file' as const, path: file.trim() }
        : null
      : { kind: 'off-disk' as const, how };
  const locationKey = location ? JSON.stringify(location) : '';
  useEffect(() => {
    if (!locationKey) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      void call('checkSeparation', {
        manifestPath,
        location: JSON.parse(locationKey) as NonNullable<typeof location>,
      })
        .then((v) => current && setChecked({ key: locationKey, verdict: v }))
        .catch((e: unknown) => current && setError(errorOf(e)));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [locationKey, manifestPath]);
  const verdict = checked && checked.key === locationKey ? checked.verdict : null;
  const choosePlace = (next: { how?: CodeStorage; file?: string }) => {
    setAccepted(false);
    if (next.how) setHow(next.how);
    if (next.file !== undefined) setFile(next.file);
  };

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (e) {
      const failure = errorOf(e);
      setError(failure);
      if (failure.code === 'UNLOCK_CODE_EXPIRED') setRevealed(null);
    } finally {
      setBusy(null);
    }
  };

  const fetchCode = () =>
    run('fetch', async () =>
      onHandle(await call('fetchUnlockCode', { jobId: job.jobId, region: job.region })),
    );
  const reveal = () =>
    run('reveal', async () => {
      if (!handle) return;
      setRevealed((await call('revealUnlockCode', { handleId: handle.id })).code);
      if (how === 'paper') onStored({ how: 'paper', path: null });
    });
  const copy = () =>
    run('copy', async () => {
      if (!handle) return;
      const { clearsAt } = await call('copyUnlockCode', { handleId: handle.id, jobId: job.jobId });
      setClipboard({ clearsAt, outcome: null });
      if (how === 'password-manager') onStored({ how: 'password-manager', path: null });
    });
  const save = (overwrite: boolean) =>
    run('save', async () => {
      if (!handle) return;
      const saved = await call('saveUnlockCode', {
        handleId: handle.id,
        jobId: job.jobId,
        path: file.trim(),
        acceptWarnings: accepted,
        overwrite,
      });
      onStored({ how: 'file', path: saved.path });
    });

  const blocked = verdict?.verdict === 'block';
  const needsAck = verdict?.verdict === 'warn' && !accepted;

  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h3">Why keep them apart</Header>}>
        <Box variant="p">
          The manifest and the unlock code together unlock the device. Kept in the same place, one lost laptop
          or stolen bag exposes both. Keep the manifest on a USB stick and the code in a password manager (or
          on paper, or in a file on another drive).
        </Box>
      </Container>
      {!handle ? (
        <Button variant="primary" loading={busy === 'fetch'} onClick={() => void fetchCode()}>
          Get the unlock code
        </Button>
      ) : (
        <SpaceBetween size="s">
          <Box variant="awsui-key-label">Unlock code</Box>
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <Box variant="code" fontSize="heading-m">
              <span data-testid="unlock-code">{revealed ?? MASK}</span>
            </Box>
            <Button
              onClick={() => (revealed ? setRevealed(null) : void reveal())}
              loading={busy === 'reveal'}
            >
              {revealed ? 'Hide' : 'Reveal'}
            </Button>
            <Button iconName="copy" onClick={() => void copy()} loading={busy === 'copy'}>
              Copy
            </Button>
          </SpaceBetween>
          <LiveRegion>
            {clipboard && (
              <Box color="text-status-info">
                <span data-testid="clipboard-status">
                  {clipboard.outcome === 'cleared' ? (
                    'The clipboard was cleared.'
                  ) : clipboard.outcome === 'left-alone' ? (
                    'You copied something else since, so the clipboard was left alone.'
                  ) : (
                    <>
                      Copied. The clipboard is cleared in{' '}
                      <Countdown until={clipboard.clearsAt} done="a moment" />.
                    </>
                  )}
                </span>
              </Box>
            )}
          </LiveRegion>
        </SpaceBetween>
      )}
      <ErrorAlert
        error={error}
        onRetry={handle ? undefined : () => void fetchCode()}
        onDismiss={() => setError(null)}
      />
      {handle && (
        <Container header={<Header variant="h3">Where will you keep the unlock code?</Header>}>
          <SpaceBetween size="m">
            <RadioGroup
              value={how}
              onChange={({ detail }) => choosePlace({ how: detail.value as CodeStorage })}
              ariaLabel="Where to keep the unlock code"
              items={[
                {
                  value: 'password-manager',
                  label: 'In a password manager',
                  description: 'Copy it and paste it there. The clipboard is cleared after 30 seconds.',
                },
                {
                  value: 'paper',
                  label: 'On paper',
                  description: 'Reveal it and write it down; keep the paper away from the manifest.',
                },
                {
                  value: 'file',
                  label: 'In a file',
                  description: 'On a different drive from the manifest, in a folder that is not synced.',
                },
              ]}
            />
            {how === 'file' && (
              <PathField
                label="File for the unlock code"
                kind="file"
                value={file}
                onChange={(value) => choosePlace({ file: value })}
                placeholder="/home/me/Documents/unlock-code.txt"
              />
            )}
            <LiveRegion>
              {verdict?.verdict === 'block' && (
                <Alert type="error" header="Not here">
                  <span data-testid="separation-reason">
                    {verdict.reasons.map((r) => r.message).join(' ')}
                  </span>
                </Alert>
              )}
              {verdict?.verdict === 'warn' && (
                <Alert type="warning" header="Think twice about this place">
                  <span data-testid="separation-reason">
                    {verdict.reasons.map((r) => r.message).join(' ')}
                  </span>
                </Alert>
              )}
              {verdict?.verdict === 'ok' && (
                <StatusIndicator type="success">
                  {verdict.reasons.map((r) => r.message).join(' ')}
                </StatusIndicator>
              )}
            </LiveRegion>
            {/* Outside the live region: announcements carry the reasons, not the controls. */}
            {verdict?.verdict === 'warn' && (
              <Checkbox checked={accepted} onChange={({ detail }) => setAccepted(detail.checked)}>
                I understand, and want to keep the code here anyway
              </Checkbox>
            )}
            {how === 'file' && (
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  variant="primary"
                  disabled={!isAbsolutePath(file.trim()) || blocked || needsAck}
                  loading={busy === 'save'}
                  onClick={() => void save(false)}
                >
                  Save the code to this file
                </Button>
                {error?.code === 'FILE_EXISTS' && (
                  <Button onClick={() => void save(true)}>Replace the existing file</Button>
                )}
              </SpaceBetween>
            )}
            {stored && stored.how === how && (
              <Alert type="success" header="Unlock code kept">
                {stored.how === 'file'
                  ? `Saved to ${stored.path ?? ''}.`
                  : stored.how === 'paper'
                    ? 'You revealed it to write it down.'
                    : 'You copied it for your password manager.'}
              </Alert>
            )}
          </SpaceBetween>
        </Container>
      )}
    </SpaceBetween>
  );
}
