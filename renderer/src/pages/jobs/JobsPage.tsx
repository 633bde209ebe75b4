/**
 * Every job of the chosen regions, delivered devices first, readable on a laptop: product names, regions
 * by name and code, words that wrap, the full job ID with a copy button, and the selected job's details
 * in a panel kept in view. Light (no Cloudscape until something needs it), so the first rows paint fast.
 */
import { Suspense, useMemo, useState } from 'react';
import type { JobSummaryInfo } from '../../../../electron/contract';
import { formatCount } from '../../format';
import { JOBS_TABLE_ID } from '../../frame/Frame';
import { notReadyReason } from '../../job-state';
import { lazyCloudscape } from '../../lazy-page';
import { Alert } from '../../lite/Alert';
import { Button } from '../../lite/Button';
import { Icon } from '../../lite/Icon';
import { StatusText } from '../../lite/StatusText';
import { useListing, useShellState } from '../../state/app-state';
import { DEFAULT_SORT, RowBook, type Sort } from './job-rows';
import { JobsTable } from './JobsTable';

const JobDetails = lazyCloudscape(() => import('../JobDetails'), 'JobDetails');
const RegionPicker = lazyCloudscape(() => import('../../components/RegionPicker'), 'RegionPicker');

const NO_JOBS: JobSummaryInfo[] = [];

export function JobsPage() {
  const { connection, regions, selectedRegions, doneHere, refreshJobs, receive, navigate } = useShellState();
  const listing = useListing();
  const jobs = listing.result?.jobs ?? NO_JOBS;
  const [selected, setSelected] = useState<JobSummaryInfo | null>(null);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  // The rows kept between renders, so a growing list only builds its new jobs.
  const [book] = useState(() => new RowBook());
  const rows = useMemo(
    () => book.sorted(jobs, regions, doneHere, sort),
    [book, jobs, regions, doneHere, sort],
  );
  const ready = useMemo(() => rows.filter((r) => notReadyReason(r.job) === null).length, [rows]);

  if (!connection) {
    return (
      <div className="sc-page-header">
        <h1 className="sc-h1">Snowball jobs</h1>
        <Alert
          type="info"
          header="Not connected"
          action={<Button onClick={() => navigate('connect')}>Connect</Button>}
        >
          Connect to AWS or the demo account to see your Snowball jobs.
        </Alert>
      </div>
    );
  }

  const reason = selected ? notReadyReason(selected) : null;
  const failures = listing.result?.failures ?? [];
  // The regions the list on screen covers (a new choice counts once its listing has started).
  const covered = listing.regions.length;
  const searched = `${covered} region${covered === 1 ? '' : 's'}`;

  return (
    <div className="sc-jobs-page">
      <div className="sc-page-header">
        <div>
          <h1 className="sc-h1">Snowball jobs</h1>
          <p className="sc-description">
            {listing.loading
              ? `Asking ${searched}…`
              : `${ready} device${ready === 1 ? '' : 's'} delivered and ready to unlock, in ${searched} searched.`}
          </p>
        </div>
        <Button
          iconName="refresh"
          loading={listing.loading}
          onClick={() => void refreshJobs()}
          ariaLabel="Refresh the job list"
        >
          Refresh
        </Button>
      </div>
      <RegionsSection count={selectedRegions.length} />
      {listing.error && (
        <Alert
          type="error"
          header="The job list could not be fetched"
          action={
            listing.error.retryable ? (
              <Button onClick={() => void refreshJobs()}>Try again</Button>
            ) : undefined
          }
        >
          <span data-testid="error-message" data-error-code={listing.error.code}>
            {listing.error.message}
          </span>
        </Alert>
      )}
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
      <section
        id={JOBS_TABLE_ID}
        tabIndex={-1}
        className="sc-container sc-jobs"
        aria-labelledby="jobs-heading"
      >
        <div className="sc-jobs__header">
          <div>
            <h2 className="sc-h2" id="jobs-heading">
              Jobs {listing.result && <span className="sc-counter">({formatCount(jobs.length)})</span>}
            </h2>
            <p className="sc-description">
              {selected && reason ? (
                <span data-testid="not-ready-reason">{reason}</span>
              ) : (
                'Select a job to see its details.'
              )}
            </p>
          </div>
          <Button
            variant="primary"
            disabled={!selected || reason !== null}
            onClick={() => selected && receive(selected)}
          >
            Receive this device
          </Button>
        </div>
        <JobsTable
          rows={rows}
          sort={sort}
          onSort={setSort}
          selected={selected}
          onSelect={setSelected}
          loading={listing.loading}
          listed={!listing.loading && listing.result !== null}
          empty={<EmptyJobs />}
        />
      </section>
      {selected && (
        <section className="sc-split-panel" aria-labelledby="details-heading">
          <div className="sc-split-panel__header">
            <h2 className="sc-h2" id="details-heading">
              Job details
            </h2>
            <Button
              variant="icon"
              iconName="close"
              ariaLabel="Close the job details"
              onClick={() => setSelected(null)}
            />
          </div>
          {/* Scrolls on its own; focusable so the keyboard can scroll it too. */}
          <div className="sc-split-panel__content" tabIndex={0} aria-labelledby="details-heading">
            <Suspense fallback={<StatusText type="loading">Loading the details…</StatusText>}>
              <JobDetails key={selected.jobId} job={selected} />
            </Suspense>
          </div>
        </section>
      )}
    </div>
  );
}

/** Which regions are searched; the picker (a Cloudscape part) loads when the section is opened. */
function RegionsSection({ count }: { count: number }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="sc-regions">
      <button
        type="button"
        className="sc-regions__toggle"
        aria-expanded={open}
        aria-controls="regions-panel"
        onClick={() => setOpen(!open)}
      >
        <Icon name={open ? 'chevron-down' : 'chevron-right'} />
        Regions searched ({count})
      </button>
      {open && (
        <div id="regions-panel" className="sc-regions__panel">
          <Suspense fallback={<StatusText type="loading">Loading the regions…</StatusText>}>
            <RegionPicker />
          </Suspense>
        </div>
      )}
    </div>
  );
}

function EmptyJobs() {
  return (
    <div className="sc-jobs__empty-text">
      <b>No Snowball jobs in these regions</b>
      <p>
        A job appears here once it exists in the chosen regions. Its device is ready to unlock when AWS
        reports it delivered (WithCustomer). Check the regions searched, or connect with the account that
        ordered the device.
      </p>
    </div>
  );
}
