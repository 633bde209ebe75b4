import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useCollection } from '@cloudscape-design/collection-hooks';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryInfo, IpcError } from '../../../electron/contract';
import { call, errorOf } from '../api/call';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathField } from '../components/PathField';
import { formatDateTime } from '../format';

/** The audit log: what the app did, for which job, where, with what outcome. Never a secret. */
export function ActivityPage() {
  const [entries, setEntries] = useState<AuditEntryInfo[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [exportPath, setExportPath] = useState('');
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(() => {
    void call('listAuditEntries')
      .then(({ entries: all }) => {
        setEntries([...all].reverse());
        setError(null);
      })
      .catch((e: unknown) => setError(errorOf(e)));
  }, []);
  useEffect(load, [load]);

  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(
    entries ?? [],
    {
      filtering: {
        empty: <Box textAlign="center">Nothing has happened yet.</Box>,
        noMatch: <Box textAlign="center">No entries match.</Box>,
      },
      pagination: { pageSize: 50 },
      sorting: {},
    },
  );

  const exportLog = async () => {
    setError(null);
    try {
      const result = await call('exportAuditLog', { path: exportPath.trim() });
      setExported(`${result.path} (${result.bytes} bytes)`);
    } catch (e) {
      setError(errorOf(e));
    }
  };

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
      <ErrorAlert error={error} />
      <Table<AuditEntryInfo>
        {...collectionProps}
        items={items}
        loading={entries === null}
        loadingText="Reading the audit log"
        header={<Header counter={`(${filteredItemsCount ?? 0})`}>Audit log</Header>}
        filter={
          <TextFilter
            {...filterProps}
            filteringAriaLabel="Filter the audit log"
            filteringPlaceholder="Find by job, action, path…"
          />
        }
        pagination={<Pagination {...paginationProps} />}
        columnDefinitions={[
          { id: 'time', header: 'Time', cell: (e) => formatDateTime(e.time), sortingField: 'time' },
          { id: 'action', header: 'Action', cell: (e) => e.action, sortingField: 'action' },
          {
            id: 'outcome',
            header: 'Outcome',
            cell: (e) => (
              <StatusIndicator
                type={e.outcome === 'ok' ? 'success' : e.outcome === 'cancelled' ? 'stopped' : 'error'}
              >
                {e.outcome}
              </StatusIndicator>
            ),
          },
          { id: 'job', header: 'Job', cell: (e) => e.jobId ?? '—' },
          { id: 'region', header: 'Region', cell: (e) => e.region ?? '—' },
          { id: 'path', header: 'Where', cell: (e) => e.path ?? '—' },
          {
            id: 'detail',
            header: 'Details',
            cell: (e) => e.detail ?? (e.sha256 ? `SHA-256 ${e.sha256.slice(0, 12)}…` : '—'),
          },
        ]}
      />
      <Container header={<Header variant="h2">Export</Header>}>
        <SpaceBetween size="m">
          <PathField
            label="Export the audit log to this file"
            kind="file"
            value={exportPath}
            onChange={setExportPath}
            placeholder="/home/me/Documents/snowball-audit.jsonl"
          />
          <Button onClick={() => void exportLog()} disabled={!exportPath.trim()}>
            Export
          </Button>
          {exported && <Alert type="success">Exported to {exported}.</Alert>}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
