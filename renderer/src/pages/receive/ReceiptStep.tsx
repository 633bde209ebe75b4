import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import LiveRegion from '@cloudscape-design/components/live-region';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useRef } from 'react';
import type { IpcError, JobSummaryInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { deviceName, regionName } from '../../job-words';
import { useShellState } from '../../state/app-state';

/** Optional: tell AWS the device arrived. */
export function ReceiptStep({
  job,
  marked,
  onMarked,
  onError,
}: {
  job: JobSummaryInfo;
  marked: boolean;
  onMarked: () => void;
  onError?: (error: IpcError) => void;
}) {
  const { regions } = useShellState();
  const { busy, error, run: act } = useAction(onError);
  const done = useRef<HTMLDivElement>(null);
  const justMarked = useRef(false);
  const mark = async () => {
    await act(async () => {
      await call('markReceived', { jobId: job.jobId, region: job.region });
      justMarked.current = true;
      onMarked();
    });
  };
  // The button goes once the job is marked: focus moves to what it says instead of being lost.
  useEffect(() => {
    if (marked && justMarked.current) done.current?.focus();
  }, [marked]);
  return (
    <SpaceBetween size="l">
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Job', value: <Box variant="code">{job.jobId}</Box> },
          { label: 'Description', value: job.description ?? '—' },
          { label: 'Device', value: deviceName(job.snowballType) },
          { label: 'Region', value: `${regionName(job.region, regions)} (${job.region})` },
          { label: 'Created', value: formatDate(job.createdAt) },
          {
            label: 'Manifest and code expire',
            value: job.credentials
              ? `${formatDate(job.credentials.expiresAt)} (${job.credentials.daysLeft} days left)`
              : '—',
          },
        ]}
      />
      <Box variant="p">
        Check the device’s case for damage, then let AWS know it arrived. This step is optional: you can skip
        it and continue.
      </Box>
      <ErrorAlert error={error} onRetry={() => void mark()} />
      {!marked && (
        <Button onClick={() => void mark()} loading={busy}>
          Mark as received
        </Button>
      )}
      <LiveRegion>
        {marked && (
          <div ref={done} tabIndex={-1} className="sc-focus-target">
            <Alert type="success" header="Marked as received">
              AWS now shows the device as received. Select Next to download the manifest.
            </Alert>
          </div>
        )}
      </LiveRegion>
    </SpaceBetween>
  );
}
