import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CollectionPreferences, {
  type CollectionPreferencesProps,
} from '@cloudscape-design/components/collection-preferences';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import PropertyFilter, { type PropertyFilterProps } from '@cloudscape-design/components/property-filter';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import { memo, useEffect, useMemo, useState } from 'react';
import type { JobSummaryInfo } from '../../../electron/contract';
import { useCompanionEvent } from '../api/events';
import { ErrorAlert } from '../components/ErrorAlert';
import { RegionPicker } from '../components/RegionPicker';
import { formatDate } from '../format';
import { jobStatus, notReadyReason } from '../job-state';
import { markFilterStart, useJobsPaintMarks } from '../perf-marks';
import { useAppState } from '../state/app-state';
import { JobDetails } from './JobDetails';

const FILTER_PROPERTIES = [
  { key: 'jobId', propertyLabel: 'Job ID', groupValuesLabel: 'Job IDs', operators: [':', '!:', '='] },
  {
    key: 'description',
    propertyLabel: 'Description',
    groupValuesLabel: 'Descriptions',
    operators: [':', '!:'],
  },
  { key: 'state', propertyLabel: 'State', groupValuesLabel: 'States', operators: ['=', '!='] },
  { key: 'region', propertyLabel: 'Region', groupValuesLabel: 'Regions', operators: ['=', '!='] },
  { key: 'snowballType', propertyLabel: 'Device', groupValuesLabel: 'Devices', operators: ['=', '!='] },
  { key: 'jobType', propertyLabel: 'Job type', groupValuesLabel: 'Job types', operators: ['=', '!='] },
] as const;

/** Stable, so useCollection's memo of the filtering options holds across renders. */
const FILTERING_PROPERTIES = FILTER_PROPERTIES.map((p) => ({ ...p, operators: [...p.operators] }));

/**
 * Value suggestions only for properties with few values: with 10,000 jobs, every ID and description in
 * the dropdown cost seconds per keystroke and help no one (free text still matches them).
 */
const SUGGESTED_KEYS = ['state', 'region', 'snowballType', 'jobType'] as const;

const NO_JOBS: JobSummaryInfo[] = [];

function filteringOptionsOf(jobs: readonly JobSummaryInfo[]): PropertyFilterProps.FilteringOption[] {
  const seen = new Set<string>();
  const options: PropertyFilterProps.FilteringOption[] = [];
  for (const job of jobs) {
    for (const key of SUGGESTED_KEYS) {
      const value = job[key];
      if (value === null || seen.has(`${key}:${value}`)) continue;
      seen.add(`${key}:${value}`);
      options.push({ propertyKey: key, value });
    }
  }
  return options;
}

function Expiry({ job }: { job: JobSummaryInfo }) {
  const c = job.credentials;
  if (!c) return <>—</>;
  if (c.expired) return <StatusIndicator type="error">Expired</StatusIndicator>;
  const text = `${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'} left`;
  return c.daysLeft < 14 ? <StatusIndicator type="warning">{text}</StatusIndicator> : <>{text}</>;
}

const COLUMNS: TableProps.ColumnDefinition<JobSummaryInfo>[] = [
  {
    id: 'state',
    header: 'Status',
    cell: (job) => <StatusIndicator type={jobStatus(job).type}>{jobStatus(job).text}</StatusIndicator>,
    sortingComparator: (a, b) =>
      Number(b.readyToUnlock) - Number(a.readyToUnlock) || a.state.localeCompare(b.state),
    width: 230,
  },
  {
    id: 'description',
    header: 'Description',
    cell: (job) => job.description ?? '—',
    sortingField: 'description',
    width: 190,
  },
  {
    id: 'jobId',
    header: 'Job ID',
    cell: (job) => (
      <Box variant="code" fontSize="body-s">
        {job.jobId}
      </Box>
    ),
    sortingField: 'jobId',
    width: 150,
  },
  { id: 'jobType', header: 'Type', cell: (job) => job.jobType ?? '—', sortingField: 'jobType' },
  {
    id: 'snowballType',
    header: 'Device',
    cell: (job) => job.snowballType ?? '—',
    sortingField: 'snowballType',
    width: 95,
  },
  { id: 'region', header: 'Region', cell: (job) => job.region, sortingField: 'region', width: 115 },
  { id: 'createdAt', header: 'Created', cell: (job) => formatDate(job.createdAt), sortingField: 'createdAt' },
  {
    id: 'expiry',
    header: 'Code expires',
    cell: (job) => <Expiry job={job} />,
    sortingComparator: (a, b) => (a.credentials?.daysLeft ?? 1e9) - (b.credentials?.daysLeft ?? 1e9),
    width: 125,
  },
];

/** Type and creation date are one click away; the rest fits a laptop screen. */
const DEFAULT_PREFERENCES: CollectionPreferencesProps.Preferences = {
  // Small pages keep filtering quick with thousands of jobs (docs/PERFORMANCE.md); more is one click away.
  pageSize: 20,
  wrapLines: false,
  contentDisplay: COLUMNS.map((c) => ({
    id: c.id ?? '',
    visible: c.id !== 'jobType' && c.id !== 'createdAt',
  })),
};

export function JobsPage() {
  const { connection, listing, refreshJobs, addPartialJobs, receive, navigate, selectedRegions } =
    useAppState();
  const jobs = listing.result?.jobs ?? NO_JOBS;
  const [selected, setSelected] = useState<JobSummaryInfo | null>(null);
  const [preferences, setPreferences] = useState<CollectionPreferencesProps.Preferences>(DEFAULT_PREFERENCES);

  useCompanionEvent('jobsPage', ({ jobs: page }) => addPartialJobs(page));

  useEffect(() => {
    if (connection && !listing.result && !listing.loading && !listing.error) void refreshJobs();
  }, [connection, listing, refreshJobs]);

  const filteringOptions = useMemo(() => filteringOptionsOf(jobs), [jobs]);
  const ready = useMemo(() => jobs.filter((j) => notReadyReason(j) === null).length, [jobs]);
  const { items, collectionProps, propertyFilterProps, paginationProps, filteredItemsCount } = useCollection(
    jobs,
    {
      propertyFiltering: {
        filteringProperties: FILTERING_PROPERTIES,
        filteringOptions,
        empty: <EmptyJobs />,
        noMatch: (
          <Box textAlign="center">
            <b>No jobs match the filter</b>
          </Box>
        ),
      },
      pagination: { pageSize: preferences.pageSize ?? 20 },
      sorting: {},
      selection: { trackBy: 'jobId' },
    },
  );
  useJobsPaintMarks(items.length, !listing.loading && listing.result !== null, propertyFilterProps.query);

  if (!connection) {
    return (
      <Box padding="l">
        <Alert
          type="info"
          header="Not connected"
          action={<Button onClick={() => navigate('connect')}>Connect</Button>}
        >
          Connect to AWS or the demo account to see your Snowball jobs.
        </Alert>
      </Box>
    );
  }

  const reason = selected ? notReadyReason(selected) : null;
  const failures = listing.result?.failures ?? [];

  return (
    <SpaceBetween size="l">
      <Box padding={{ top: 'l' }}>
        <Header
          variant="h1"
          description={
            listing.loading
              ? `Asking ${selectedRegions.length} region${selectedRegions.length === 1 ? '' : 's'}…`
              : `${ready} device${ready === 1 ? '' : 's'} delivered and ready to unlock, in ${selectedRegions.length} region${selectedRegions.length === 1 ? '' : 's'} searched.`
          }
          actions={
            <Button
              iconName="refresh"
              loading={listing.loading}
              onClick={() => void refreshJobs()}
              ariaLabel="Refresh the job list"
            >
              Refresh
            </Button>
          }
        >
          Snowball jobs
        </Header>
      </Box>
      <RegionsSection count={selectedRegions.length} />
      <ErrorAlert error={listing.error} onRetry={() => void refreshJobs()} />
      {failures.map((failure) => (
        <Alert
          key={failure.region}
          type="warning"
          header={`${failure.covers.join(', ')}: no answer`}
          action={
            failure.retryable ? <Button onClick={() => void refreshJobs()}>Try again</Button> : undefined
          }
        >
          <span data-testid="region-failure">{failure.message}</span> The other regions’ jobs are listed
          below.
        </Alert>
      ))}
      <Table<JobSummaryInfo>
        {...collectionProps}
        items={items}
        columnDefinitions={COLUMNS}
        trackBy="jobId"
        selectionType="single"
        selectedItems={selected ? [selected] : []}
        onSelectionChange={({ detail }) => setSelected(detail.selectedItems[0] ?? null)}
        loading={listing.loading && jobs.length === 0}
        loadingText="Listing jobs in every chosen region"
        variant="full-page"
        stickyHeader
        wrapLines={preferences.wrapLines ?? false}
        resizableColumns
        columnDisplay={preferences.contentDisplay}
        preferences={
          <CollectionPreferences
            title="Table preferences"
            confirmLabel="Confirm"
            cancelLabel="Cancel"
            preferences={preferences}
            onConfirm={({ detail }) => setPreferences(detail)}
            pageSizePreference={{
              title: 'Jobs per page',
              options: [
                { value: 20, label: '20 jobs' },
                { value: 50, label: '50 jobs' },
                { value: 100, label: '100 jobs' },
              ],
            }}
            wrapLinesPreference={{ label: 'Wrap lines', description: 'Show whole job IDs and descriptions.' }}
            contentDisplayPreference={{
              title: 'Columns',
              options: COLUMNS.map((c) => ({
                id: c.id ?? '',
                label: String(c.header),
                alwaysVisible: c.id === 'state',
              })),
            }}
          />
        }
        ariaLabels={{
          selectionGroupLabel: 'Jobs',
          itemSelectionLabel: (_s, job) => `Job ${job.jobId} ${job.description ?? ''}`,
          allItemsSelectionLabel: () => 'All jobs',
        }}
        header={
          <Header
            counter={listing.result ? `(${filteredItemsCount ?? jobs.length})` : undefined}
            description={
              selected && reason ? (
                <span data-testid="not-ready-reason">{reason}</span>
              ) : (
                'Select a job to see its details.'
              )
            }
            actions={
              <Button
                variant="primary"
                disabled={!selected || reason !== null}
                onClick={() => selected && receive(selected)}
              >
                Receive this device
              </Button>
            }
          >
            Jobs
          </Header>
        }
        filter={
          <PropertyFilter
            {...propertyFilterProps}
            onChange={(event) => {
              markFilterStart();
              propertyFilterProps.onChange(event);
            }}
            filteringAriaLabel="Filter jobs"
            filteringPlaceholder="Filter by ID, description, state, region, device or type"
            countText={`${filteredItemsCount ?? 0} matches`}
            expandToViewport
          />
        }
        pagination={<Pagination {...paginationProps} />}
      />
      {selected && <JobDetails key={selected.jobId} job={selected} />}
    </SpaceBetween>
  );
}

/**
 * Memoised: the section's header looks the theme up in the document on every render, which costs
 * milliseconds beside a big table, and nothing in it changes while jobs stream in or are filtered.
 */
const RegionsSection = memo(function RegionsSection({ count }: { count: number }) {
  return (
    <ExpandableSection headerText={`Regions searched (${count})`} variant="footer">
      <RegionPicker />
    </ExpandableSection>
  );
});

function EmptyJobs() {
  return (
    <Box textAlign="center" color="inherit" padding="l">
      <b>No Snowball jobs in these regions</b>
      <Box variant="p" color="inherit">
        A job appears here once it exists in the chosen regions. Its device is ready to unlock when AWS
        reports it delivered (WithCustomer). Check the regions searched, or connect with the account that
        ordered the device.
      </Box>
    </Box>
  );
}
