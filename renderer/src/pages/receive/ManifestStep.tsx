import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { IpcError, JobSummaryInfo, ManifestResultInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { useCompanionEvent } from '../../api/events';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { formatBytes, formatDuration } from '../../format';
import { dirname, isAbsolutePath } from '../../paths';

interface Props {
  job: JobSummaryInfo;
  initialFolder: string;
  result: ManifestResultInfo | null;
  onDownloaded: (result: ManifestResultInfo) => void;
  onError?: (error: IpcError) => void;
}

/** Download the manifest right away into a folder the user chooses (ideally a USB stick). */
export function ManifestStep({ job, initialFolder, result, onDownloaded, onError }: Props) {
  const [folder, setFolder] = useState(initialFolder);
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const { busy, error, run: act } = useAction(onError);
  // Downloading again into the folder of the file saved here replaces that file: the person asked for it.
  const again = result !== null && dirname(result.path) === folder.trim().replace(/[\\/]+$/, '');

  useCompanionEvent('manifestProgress', (p) => {
    if (p.jobId === job.jobId) setProgress({ received: p.received, total: p.total });
  });

  const download = async (overwrite: boolean) => {
    setProgress(null);
    await act(async () => {
      onDownloaded(
        await call('downloadManifest', {
          jobId: job.jobId,
          region: job.region,
          folder: folder.trim(),
          overwrite,
        }),
      );
    });
  };

  const folderError =
    folder.trim() && !isAbsolutePath(folder.trim())
      ? 'Give the full path, starting from the drive or /.'
      : undefined;
  return (
    <SpaceBetween size="l">
      <Box variant="p">
        AWS hands out the manifest through a link that works for 60 minutes, so Snowball Companion downloads
        it as soon as you ask. Save it somewhere the unlock code will <b>not</b> be — a USB stick is ideal.
      </Box>
      <PathField
        label="Folder for the manifest"
        kind="folder"
        value={folder}
        onChange={setFolder}
        {...(folderError ? { errorText: folderError } : {})}
      />
      <SpaceBetween direction="horizontal" size="xs">
        <Button
          variant="primary"
          loading={busy}
          disabled={!folder.trim() || Boolean(folderError)}
          onClick={() => void download(again)}
        >
          {again ? 'Download again (replaces the file saved here)' : 'Download manifest'}
        </Button>
        {error?.code === 'FILE_EXISTS' && (
          <Button onClick={() => void download(true)} disabled={busy}>
            Replace the existing file
          </Button>
        )}
      </SpaceBetween>
      {busy && progress && (
        <ProgressBar
          value={progress.total ? Math.round((progress.received / progress.total) * 100) : 0}
          label="Downloading the manifest"
          description={
            progress.total
              ? `${formatBytes(progress.received)} of ${formatBytes(progress.total)}`
              : formatBytes(progress.received)
          }
        />
      )}
      <ErrorAlert error={error} onRetry={() => void download(false)} />
      <LiveRegion>
        {result && (
          <Alert type="success" header="Manifest saved">
            <KeyValuePairs
              columns={2}
              items={[
                { label: 'Saved to', value: <span data-testid="manifest-path">{result.path}</span> },
                { label: 'Size', value: formatBytes(result.bytes) },
                {
                  label: 'SHA-256',
                  value: (
                    <Box variant="code" fontSize="body-s">
                      <span data-testid="manifest-sha256">{result.sha256}</span>
                    </Box>
                  ),
                },
                {
                  label: 'Link',
                  value: (
                    <span data-testid="manifest-link">
                      {(result.urlExpiresAt
                        ? `It still had ${formatDuration(result.urlExpiresAt - result.fetchedAt)} of its 60 minutes.`
                        : 'Used at once.') +
                        (result.urlsRequested > 1
                          ? ' The first link had expired, so a fresh one was requested automatically.'
                          : '')}
                    </span>
                  ),
                },
              ]}
            />
          </Alert>
        )}
      </LiveRegion>
    </SpaceBetween>
  );
}
