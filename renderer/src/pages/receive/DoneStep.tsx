import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useEffect, useState } from 'react';
import type { AuditEntryInfo, JobSummaryInfo, ManifestResultInfo } from '../../../../electron/contract';
import { call } from '../../api/call';
import { useAction } from '../../api/use-action';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { ACTION_NAMES, OUTCOME_WORDS } from '../../audit-words';
import { formatDateTime } from '../../format';
import type { UnlockRun } from '../steps/UnlockStep';
import type { StoredCode } from './UnlockCodeStep';

const DEVICE_STATE_WORDS: Record<UnlockRun['state'], string> = {
  starting: 'The Snowball client is starting',
  LOCKED: 'Locked',
  UNLOCKING: 'Unlocking',
  UNLOCKED: 'Unlocked',
  failed: 'The unlock failed',
  cancelled: 'The unlock was stopped',
  'timed-out': 'The device did not unlock in time',
};

interface Props {
  job: JobSummaryInfo;
  manifest: ManifestResultInfo | null;
  stored: StoredCode | null;
  run: UnlockRun | null;
  labelFolder: string;
}

/** What was stored where and what happened, the audit trail for this job, and what comes next. */
export function DoneStep({ job, manifest, stored, run, labelFolder }: Props) {
  const [entries, setEntries] = useState<AuditEntryInfo[]>([]);
  const [folder, setFolder] = useState(labelFolder);
  const [label, setLabel] = useState<string | null>(null);
  const { busy, error, run: act } = useAction();

  useEffect(() => {
    void call('listAuditEntries')
      .then(({ entries: all }) => setEntries(all.filter((e) => e.jobId === job.jobId)))
      .catch(() => setEntries([]));
  }, [job.jobId, run?.state]);

  const getLabel = async () => {
    await act(async () => {
      const result = await call('getReturnLabel', {
        jobId: job.jobId,
        region: job.region,
        folder: folder.trim() || null,
      });
      setLabel(result.savedTo ?? result.uri);
    });
  };

  return (
    <SpaceBetween size="l">
      <KeyValuePairs
        columns={2}
        items={[
          {
            label: 'Manifest',
            value: manifest ? (
              <span className="sc-path">{`${manifest.path} (SHA-256 ${manifest.sha256.slice(0, 16)}…)`}</span>
            ) : (
              'Not downloaded'
            ),
          },
          {
            label: 'Unlock code',
            value: !stored ? (
              'Not stored yet'
            ) : stored.how === 'file' ? (
              <span className="sc-path">{`In ${stored.path ?? 'a file'}`}</span>
            ) : stored.how === 'paper' ? (
              'Written down on paper'
            ) : (
              'Copied to a password manager'
            ),
          },
          {
            label: 'Device',
            value: run
              ? `${DEVICE_STATE_WORDS[run.state]}${run.message ? ` — ${run.message}` : ''}`
              : 'Not unlocked from this app',
          },
        ]}
      />
      <Table<AuditEntryInfo>
        header={
          <Header variant="h2" counter={`(${entries.length})`}>
            Activity for this job
          </Header>
        }
        items={entries}
        wrapLines
        variant="embedded"
        columnDefinitions={[
          { id: 'time', header: 'Time', cell: (e) => formatDateTime(e.time), width: 130 },
          { id: 'action', header: 'Action', cell: (e) => ACTION_NAMES[e.action], width: 170 },
          {
            id: 'outcome',
            header: 'Outcome',
            cell: (e) => OUTCOME_WORDS[e.outcome],
            width: 110,
            minWidth: 100,
          },
          { id: 'path', header: 'Where', cell: (e) => <span className="sc-path">{e.path ?? '—'}</span> },
        ]}
        empty={<Box textAlign="center">Nothing recorded yet.</Box>}
      />
      <Container header={<Header variant="h2">When the work is finished</Header>}>
        <SpaceBetween size="m">
          <Box variant="p">
            Power the device off, then get the return shipping label. Snowball Edge devices show it on their E
            Ink display once AWS has created it; you can also save a copy.
          </Box>
          <PathField
            label="Folder for a copy of the label (optional)"
            kind="folder"
            value={folder}
            onChange={setFolder}
          />
          <Button onClick={() => void getLabel()} loading={busy}>
            Get the return shipping label
          </Button>
          <ErrorAlert error={error} onRetry={() => void getLabel()} />
          {label && <Alert type="success">Return label ready: {label}</Alert>}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
