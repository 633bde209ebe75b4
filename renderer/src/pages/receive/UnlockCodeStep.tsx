import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button, { type ButtonProps } from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import LiveRegion from '@cloudscape-design/components/live-region';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useEffect, useRef, useState } from 'react';
import type {
  IpcError,
  JobSummaryInfo,
  SeparationInfo,
  UnlockCodeHandleInfo,
} from '../../../../electron/contract';
import { call, errorOf } from '../../api/call';
import { useAction } from '../../api/use-action';
import { useCompanionEvent } from '../../api/events';
import { copyInPage, type PageClipboardOutcome } from '../../api/page-clipboard';
import { Countdown } from '../../components/Countdown';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { isAbsolutePath, joinPath } from '../../paths';
import { useShellState } from '../../state/app-state';

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
  onError?: (error: IpcError) => void;
}

const MASK = '•••••-•••••-•••••-•••••-•••••';
/** A revealed code hides itself after this long on screen. */
const REVEAL_MS = 60_000;

type ClipboardState = {
  clearsAt: number;
  outcome: 'cleared' | 'left-alone' | PageClipboardOutcome | null;
} | null;

/** Fetch the unlock code into main, then keep it apart from the manifest: copy, write down, or save. */
export function UnlockCodeStep({
  job,
  manifestPath,
  initialFolder,
  handle,
  onHandle,
  stored,
  onStored,
  onError,
}: Props) {
  const { appInfo } = useShellState();
  // In browser mode main's clipboard is not the person's: the page copies to its own.
  const copyHere = appInfo?.shell === 'browser';
  // The code's text lives here only while it is shown.
  const [revealed, setRevealed] = useState<{ code: string; hidesAt: number } | null>(null);
  // A failure shows beside the control that caused it: the save's under the save button, the others
  // (fetch, reveal, copy) under the code.
  const {
    running: busy,
    error,
    failedAt,
    setError,
    run,
  } = useAction((failed) => {
    if (failed.code === 'UNLOCK_CODE_EXPIRED') setRevealed(null);
    onError?.(failed);
  });
  const failure = error ? { at: failedAt === 'save' ? 'save' : 'code', error } : null;
  const [clipboard, setClipboard] = useState<ClipboardState>(null);
  const [how, setHow] = useState<CodeStorage>('password-manager');
  const [file, setFile] = useState(() =>
    initialFolder ? joinPath(initialFolder, `${job.jobId}_unlock-code.txt`) : '',
  );
  const [checked, setChecked] = useState<{ key: string; verdict: SeparationInfo } | null>(null);
  const [accepted, setAccepted] = useState(false);
  const revealButton = useRef<ButtonProps.Ref>(null);
  const verdictBox = useRef<HTMLDivElement>(null);
  const fetchedHere = useRef(false);

  useCompanionEvent('clipboardTimer', ({ outcome }) => setClipboard((c) => (c ? { ...c, outcome } : c)));

  // Hide the code again after a minute on screen (the countdown beside it says when).
  useEffect(() => {
    if (!revealed) return undefined;
    const timer = setTimeout(() => setRevealed(null), Math.max(0, revealed.hidesAt - Date.now()));
    return () => clearTimeout(timer);
  }, [revealed]);

  // The fetch button is replaced by the code: focus goes to the first thing that acts on it.
  useEffect(() => {
    if (handle && fetchedHere.current) revealButton.current?.focus();
  }, [handle]);

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
        .catch((e: unknown) => current && setError(errorOf(e), 'save'));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [locationKey, manifestPath, setError]);
  const verdict = checked && checked.key === locationKey ? checked.verdict : null;

  // The verdict is the step's safety check: bring it (and the button it governs) into view when it comes.
  useEffect(() => {
    if (verdict && verdict.verdict !== 'ok') verdictBox.current?.scrollIntoView({ block: 'nearest' });
  }, [verdict]);

  const choosePlace = (next: { how?: CodeStorage; file?: string }) => {
    setAccepted(false);
    if (next.how) setHow(next.how);
    if (next.file !== undefined) setFile(next.file);
  };

  const fetchCode = () =>
    run(async () => {
      const fetched = await call('fetchUnlockCode', { jobId: job.jobId, region: job.region });
      fetchedHere.current = true;
      onHandle(fetched);
    }, 'fetch');
  const reveal = () =>
    run(async () => {
      if (!handle) return;
      const { code } = await call('revealUnlockCode', { handleId: handle.id });
      setRevealed({ code, hidesAt: Date.now() + REVEAL_MS });
      if (how === 'paper') onStored({ how: 'paper', path: null });
    }, 'reveal');
  const copy = () =>
    run(async () => {
      if (!handle) return;
      if (copyHere) {
        const { clearsAt, code } = await call('copyUnlockCode', {
          handleId: handle.id,
          jobId: job.jobId,
          inPage: true,
        });
        try {
          if (!code) throw new Error('no code to copy');
          await copyInPage(code, clearsAt, (outcome) => setClipboard((c) => (c ? { ...c, outcome } : c)));
        } catch {
          setClipboard(null);
          setError({
            code: 'INTERNAL',
            message:
              'This browser did not let the page use the clipboard, so nothing was copied. Select Reveal and copy the code by hand, or use the desktop app.',
            retryable: false,
          });
          return;
        }
        setClipboard({ clearsAt, outcome: null });
      } else {
        const { clearsAt } = await call('copyUnlockCode', { handleId: handle.id, jobId: job.jobId });
        setClipboard({ clearsAt, outcome: null });
      }
      if (how === 'password-manager') onStored({ how: 'password-manager', path: null });
    }, 'copy');
  const save = (overwrite: boolean) =>
    run(async () => {
      if (!handle) return;
      const saved = await call('saveUnlockCode', {
        handleId: handle.id,
        jobId: job.jobId,
        path: file.trim(),
        acceptWarnings: accepted,
        overwrite,
      });
      onStored({ how: 'file', path: saved.path });
    }, 'save');

  const blocked = verdict?.verdict === 'block';
  const needsAck = verdict?.verdict === 'warn' && !accepted;
  const fileError =
    how === 'file' && file.trim() && !isAbsolutePath(file.trim())
      ? 'Give the full path of the file, starting from the drive or /.'
      : undefined;

  return (
    <SpaceBetween size="l">
      {!handle ? (
        <SpaceBetween size="s">
          <Box variant="p">
            The manifest and the unlock code together unlock the device. Kept in the same place, one lost
            laptop or stolen bag exposes both: the next part helps you keep them apart.
          </Box>
          <Button variant="primary" loading={busy === 'fetch'} onClick={() => void fetchCode()}>
            Get the unlock code
          </Button>
        </SpaceBetween>
      ) : (
        <SpaceBetween size="s">
          <Box variant="awsui-key-label">Unlock code</Box>
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <Box variant="code" fontSize="heading-m">
              <span data-testid="unlock-code">{revealed?.code ?? MASK}</span>
            </Box>
            <Button
              ref={revealButton}
              onClick={() => (revealed ? setRevealed(null) : void reveal())}
              loading={busy === 'reveal'}
            >
              {revealed ? 'Hide' : 'Reveal'}
            </Button>
            <Button iconName="copy" onClick={() => void copy()} loading={busy === 'copy'}>
              Copy
            </Button>
          </SpaceBetween>
          {revealed && (
            <Box color="text-body-secondary">
              <span data-testid="reveal-countdown">
                Hides itself in <Countdown until={revealed.hidesAt} done="a moment" />.
              </span>
            </Box>
          )}
          <LiveRegion>
            {clipboard && (
              <Box color="text-status-info">
                <span data-testid="clipboard-status">{clipboardWords(clipboard)}</span>
              </Box>
            )}
          </LiveRegion>
        </SpaceBetween>
      )}
      {failure?.at === 'code' && (
        <ErrorAlert
          error={error}
          onRetry={handle ? undefined : () => void fetchCode()}
          onDismiss={() => setError(null)}
        />
      )}
      {handle && (
        <Container
          header={
            <Header
              variant="h2"
              description="Keep the manifest on a USB stick and the code in a password manager, on paper, or in a file on another drive: together they unlock the device."
            >
              Where will you keep the unlock code?
            </Header>
          }
        >
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
                {...(fileError ? { errorText: fileError } : {})}
              />
            )}
            <div ref={verdictBox} className="sc-scroll-margin">
              <SpaceBetween size="m">
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
                    {failure?.at === 'save' && error?.code === 'FILE_EXISTS' && (
                      <Button onClick={() => void save(true)}>Replace the existing file</Button>
                    )}
                  </SpaceBetween>
                )}
                {failure?.at === 'save' && <ErrorAlert error={error} onDismiss={() => setError(null)} />}
              </SpaceBetween>
            </div>
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

function clipboardWords(clipboard: NonNullable<ClipboardState>) {
  switch (clipboard.outcome) {
    case 'cleared':
      return 'The clipboard was cleared.';
    case 'left-alone':
      return 'You copied something else since, so the clipboard was left alone.';
    case 'unchecked':
      return 'This browser did not let the page read its clipboard back, so it was not cleared: copy something else over the code when you are done.';
    case null:
      return (
        <>
          Copied. The clipboard is cleared in <Countdown until={clipboard.clearsAt} done="a moment" /> if it
          still holds the code.
        </>
      );
  }
}
