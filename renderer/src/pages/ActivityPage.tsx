import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import Toggle from '@cloudscape-design/components/toggle';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntryInfo, IpcError } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { useAction } from '../api/use-action';
import { ACTION_NAMES, isListing, OUTCOME_WORDS } from '../audit-words';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathField } from '../components/PathField';
import { formatDateTime } from '../format';
import { isAbsolutePath } from '../paths';
import { useListing } from '../state/app-state';

/** An entry as the page shows it; the filter looks in these words. */
interface Row {
  entry: AuditEntryInfo;
  when: string;
  action: string;
  outcome: string;
  job: string;
  details: string;
}

/** The audit log: what the app did, for which job, where, with what outcome. Never a secret. */
export function ActivityPage() {
  const [entries, setEntries] = useState<AuditEntryInfo[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [showListings, setShowListings] = useState(false);
  const listing = useListing();

  const load = useCallback(() => {
    void call('listAuditEntries')
      .then(({ entries: all }) => {
        setEntries([...all].reverse());
        setError(null);
      })
      .catch((e: unknown) => setError(errorOf(e)));
  }, []);
  useEffect(load, [load]);

  // A job is named by its description where the job list knows it.
  const descriptions = useMemo(
    () => new Map((listing.result?.jobs ?? []).map((j) => [j.jobId, j.description ?? ''])),
    [listing.result],
  );
  const listings = (entries ?? []).filter(isListing).length;
  const rows = useMemo<Row[]>(
    () =>
      (entries ?? [])
        .filter((e) => showListings || !isListing(e))
        .map((entry) => ({
          entry,
          when: formatDateTime(entry.time),
          action: ACTION_NAMES[entry.action],
          outcome: OUTCOME_WORDS[entry.outcome],
          job: [entry.jobId ? descriptions.get(entry.jobId) : '', entry.jobId ?? '', entry.region ?? '']
            .filter(Boolean)
            .join(' '),
          details: [
            entry.simulated ? 'Simulated (demo)' : '',
            entry.path,
            entry.detail,
            entry.sha256 ? `SHA-256 ${entry.sha256}` : '',
          ]
            .filter(Boolean)
            .join(' '),
        })),
    [entries, showListings, descriptions],
  );

  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(rows, {
    filtering: {
      fields: ['when', 'action', 'outcome', 'job', 'details'],
      empty: <Box textAlign="center">Nothing has happened yet.</Box>,
      noMatch: <Box textAlign="center">No entries match.</Box>,
    },
    pagination: { pageSize: 50 },
    sorting: {},
  });

  return (
    <SpaceBetween size="l">
      <Box padding={{ top: 'l' }}>
        <Header
          variant="h1"
          description="Every connection, download, code and unlock, with its outcome. Unlock codes and keys are never recorded."
          actions={
            <Button iconName="refresh" onClick={load}>
              Refresh
            </Button>
          }
        >
          Activity
        </Header>
      </Box>
      <ErrorAlert error={error} onRetry={load} />
      <Table<Row>
        {...collectionProps}
        items={items}
        loading={entries === null}
        loadingText="Reading the audit log"
        wrapLines
        header={
          <Header
            variant="h2"
            counter={`(${filteredItemsCount ?? 0})`}
            description={
              showListings
                ? 'Newest first, job listings included.'
                : `Newest first. ${listings} job listing${listings === 1 ? '' : 's'} hidden.`
            }
            actions={
              <Toggle checked={showListings} onChange={({ detail }) => setShowListings(detail.checked)}>
                Show job listings
              </Toggle>
            }
          >
            Audit log
          </Header>
        }
        filter={
          <TextFilter
            {...filterProps}
            filteringAriaLabel="Filter the audit log"
            filteringPlaceholder="Find by action, job, place or outcome"
            countText={`${filteredItemsCount ?? 0} entries`}
          />
        }
        pagination={<Pagination {...paginationProps} />}
        columnDefinitions={[
          { id: 'time', header: 'Time', cell: (r) => r.when, sortingField: 'when', width: 120 },
          { id: 'action', header: 'Action', cell: (r) => r.action, sortingField: 'action', width: 150 },
          {
            id: 'outcome',
            header: 'Outcome',
            width: 110,
            minWidth: 100,
            cell: (r) => (
              <StatusIndicator
                type={
                  r.entry.outcome === 'ok' ? 'success' : r.entry.outcome === 'cancelled' ? 'stopped' : 'error'
                }
              >
                {r.outcome}
              </StatusIndicator>
            ),
          },
          {
            id: 'job',
            header: 'Job',
            width: 180,
            cell: (r) =>
              r.entry.jobId ? (
                <>
                  {descriptions.get(r.entry.jobId) && <div>{descriptions.get(r.entry.jobId)}</div>}
                  <Box variant="code" fontSize="body-s">
                    <span className="sc-path">{r.entry.jobId}</span>
                  </Box>
                  {r.entry.region && <Box color="text-body-secondary">{r.entry.region}</Box>}
                </>
              ) : (
                '—'
              ),
          },
          {
            id: 'details',
            header: 'Details',
            minWidth: 160,
            cell: (r) => (
              <>
                {r.entry.simulated && <Badge color="grey">Simulated (demo)</Badge>}
                {r.entry.path && <div className="sc-path">{r.entry.path}</div>}
                {r.entry.detail && <div className="sc-path">{r.entry.detail}</div>}
                {r.entry.sha256 && (
                  <Box color="text-body-secondary" fontSize="body-s">
                    SHA-256 {r.entry.sha256.slice(0, 16)}…
                  </Box>
                )}
                {!r.entry.simulated && !r.entry.path && !r.entry.detail && !r.entry.sha256 && '—'}
              </>
            ),
          },
        ]}
      />
      <ExportLog onExported={load} />
    </SpaceBetween>
  );
}

/** The export, with its error and the choice to replace an existing file right beside its button. */
function ExportLog({ onExported }: { onExported: () => void }) {
  const [path, setPath] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const pathError =
    path.trim() && !isAbsolutePath(path.trim())
      ? 'Give the full path, starting from the drive or /.'
      : undefined;

  const exportLog = (overwrite: boolean) =>
    run(async () => {
      setExported(null);
      const result = await call('exportAuditLog', { path: path.trim(), overwrite });
      setExported(`${result.path} (${result.bytes.toLocaleString('en')} bytes)`);
      onExported();
    });

  return (
    <Container header={<Header variant="h2">Export</Header>}>
      <SpaceBetween size="m">
        <PathField
          label="Export the audit log to this file"
          kind="file"
          value={path}
          onChange={(value) => {
            setPath(value);
            setError(null);
          }}
          placeholder="/home/me/Documents/snowball-audit.jsonl"
          {...(pathError ? { errorText: pathError } : {})}
        />
        <SpaceBetween direction="horizontal" size="xs">
          <Button
            onClick={() => void exportLog(false)}
            disabled={!path.trim() || Boolean(pathError)}
            loading={busy}
          >
            Export
          </Button>
          {error?.code === 'FILE_EXISTS' && (
            <Button onClick={() => void exportLog(true)} disabled={busy}>
              Replace the existing file
            </Button>
          )}
        </SpaceBetween>
        <ErrorAlert error={error} />
        {exported && <Alert type="success">Exported to {exported}.</Alert>}
      </SpaceBetween>
    </Container>
  );
}
