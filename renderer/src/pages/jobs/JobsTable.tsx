/**
 * The jobs table, light: a native table with one radio button per row (arrow keys move between them, as in
 * Cloudscape's single-selection table), sortable columns (aria-sort), a search over the words shown, three
 * filters whose values are the labels shown, and pages of 20 rows. It keeps the console's look without
 * Cloudscape's table, whose fixed and per-row costs missed the 10,000-job goals (docs/PERFORMANCE.md).
 */
import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { JobSummaryInfo } from '../../../../electron/contract';
import type { JobRow } from '../../job-words';
import { Button } from '../../lite/Button';
import { Icon } from '../../lite/Icon';
import { StatusText } from '../../lite/StatusText';
import { formatCount } from '../../format';
import { markFilterStart, useJobsPaintMarks } from '../../perf-marks';
import { CopyJobId } from './CopyJobId';
import {
  filterChoices,
  filterRows,
  NO_FILTERS,
  pageOf,
  type Filters,
  type Sort,
  type SortKey,
} from './job-rows';

export const PAGE_SIZE = 20;

const COLUMNS: { key: SortKey; header: string; className: string }[] = [
  { key: 'status', header: 'Status', className: 'sc-jobs__status' },
  { key: 'description', header: 'Description', className: 'sc-jobs__description' },
  { key: 'jobId', header: 'Job ID', className: 'sc-jobs__id' },
  { key: 'device', header: 'Device', className: 'sc-jobs__device' },
  { key: 'region', header: 'Region', className: 'sc-jobs__region' },
  { key: 'expiry', header: 'Code expires', className: 'sc-jobs__expiry' },
];

interface Props {
  rows: readonly JobRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selected: JobSummaryInfo | null;
  onSelect: (job: JobSummaryInfo) => void;
  loading: boolean;
  /** Shown when there are no jobs at all. */
  empty: ReactNode;
  /** Every region has answered: the list is complete (for the paint marks). */
  listed: boolean;
}

export function JobsTable({ rows, sort, onSort, selected, onSelect, loading, empty, listed }: Props) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const choices = useMemo(() => filterChoices(rows), [rows]);
  const matching = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const shown = pageOf(matching, page, PAGE_SIZE);
  const filtered = matching !== rows;

  useJobsPaintMarks(shown.rows.length, listed, filters);

  const change = (next: Partial<Filters>) => {
    markFilterStart();
    setFilters((f) => ({ ...f, ...next }));
    setPage(1);
  };

  return (
    <>
      <div className="sc-jobs__tools" role="search" aria-label="Jobs">
        <label className="sc-jobs__search">
          <span className="sc-visually-hidden">Find jobs</span>
          <Icon name="search" />
          <input
            className="sc-input"
            type="search"
            value={filters.text}
            onChange={(event) => change({ text: event.target.value })}
            placeholder="Find jobs by any word shown"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <FilterSelect
          label="Status"
          value={filters.status}
          options={choices.statuses.map((s) => ({ value: s, label: s }))}
          onChange={(status) => change({ status })}
        />
        <FilterSelect
          label="Device"
          value={filters.device}
          options={choices.devices.map((d) => ({ value: d, label: d }))}
          onChange={(device) => change({ device })}
        />
        <FilterSelect
          label="Region"
          value={filters.region}
          options={choices.regions.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))}
          onChange={(region) => change({ region })}
        />
        <MatchCount filtered={filtered} count={matching.length} />
        <Pagination page={Math.min(page, shown.pages)} pages={shown.pages} onChange={setPage} />
      </div>
      <div className="sc-jobs__scroll">
        <table className="sc-jobs__table" aria-labelledby="jobs-heading">
          <thead>
            <tr>
              <th className="sc-jobs__select" scope="col">
                <span className="sc-visually-hidden">Selected</span>
              </th>
              {COLUMNS.map((column) => (
                <SortableHeader key={column.key} column={column} sort={sort} onSort={onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((row) => (
              <Row
                key={row.job.jobId}
                row={row}
                checked={selected?.jobId === row.job.jobId}
                onSelect={onSelect}
              />
            ))}
            {shown.rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 1} className="sc-jobs__empty">
                  {loading ? (
                    <StatusText type="loading">Listing jobs in every chosen region</StatusText>
                  ) : filtered ? (
                    <>
                      <b>No jobs match the filter</b>
                      <div>
                        <Button onClick={() => change(NO_FILTERS)}>Clear the filter</Button>
                      </div>
                    </>
                  ) : (
                    empty
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One row; memoised, so a new selection or page renders only the rows that changed. */
const Row = memo(function Row({
  row,
  checked,
  onSelect,
}: {
  row: JobRow;
  checked: boolean;
  onSelect: (job: JobSummaryInfo) => void;
}) {
  const { job } = row;
  return (
    <tr
      className={checked ? 'sc-jobs__row sc-jobs__row--selected' : 'sc-jobs__row'}
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest('button')) onSelect(job);
      }}
    >
      <td className="sc-jobs__select">
        <input
          className="sc-radio"
          type="radio"
          name="job"
          checked={checked}
          onChange={() => onSelect(job)}
          aria-label={`Job ${job.jobId} ${job.description ?? ''}`.trim()}
        />
      </td>
      <td>
        <StatusText type={row.status.type}>{row.status.text}</StatusText>
        {row.doneHere && <div className="sc-jobs__secondary">{row.doneHere}</div>}
      </td>
      <td>{job.description ?? '—'}</td>
      <td>
        <span className="sc-jobs__id-cell">
          <code>{breakable(job.jobId)}</code>
          <CopyJobId jobId={job.jobId} />
        </span>
      </td>
      <td>{row.device}</td>
      <td>
        {row.region.name}
        <div className="sc-jobs__secondary">{row.region.code}</div>
      </td>
      <td>
        {row.expiry.type ? (
          <StatusText type={row.expiry.type}>{row.expiry.text}</StatusText>
        ) : (
          row.expiry.text
        )}
      </td>
    </tr>
  );
});

/** A job ID may wrap after its hyphens, never inside a group. */
function breakable(id: string) {
  const parts = id.split('-');
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          -<wbr />
        </>
      )}
    </span>
  ));
}

function SortableHeader({
  column,
  sort,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const active = sort.key === column.key;
  return (
    <th
      scope="col"
      className={column.className}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="sc-jobs__sort"
        onClick={() => onSort({ key: column.key, descending: active && !sort.descending })}
      >
        {column.header}
        <Icon name={active ? (sort.descending ? 'caret-down' : 'caret-up') : 'sort'} />
      </button>
    </th>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="sc-jobs__filter">
      <span className="sc-visually-hidden">{label}</span>
      <select className="sc-select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{`Any ${label.toLowerCase()}`}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The number of matches, announced politely once typing pauses. */
function MatchCount({ filtered, count }: { filtered: boolean; count: number }) {
  const [announced, setAnnounced] = useState('');
  const text = filtered ? `${formatCount(count)} match${count === 1 ? '' : 'es'}` : '';
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setAnnounced(text), 700);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [text]);
  return (
    <>
      <span className="sc-jobs__count" aria-hidden="true">
        {text}
      </span>
      <span className="sc-visually-hidden" role="status">
        {announced}
      </span>
    </>
  );
}

function Pagination({
  page,
  pages,
  onChange,
}: {
  page: number;
  pages: number;
  onChange: (page: number) => void;
}) {
  return (
    <nav className="sc-jobs__pagination" aria-label="Pages of jobs">
      <Button
        variant="icon"
        iconName="angle-left"
        ariaLabel="Previous page"
        disabled={page <= 1}
        onClick={() => onChange(page - 1)}
      />
      <span aria-live="polite">
        Page {page} of {pages}
      </span>
      <Button
        variant="icon"
        iconName="angle-right"
        ariaLabel="Next page"
        disabled={page >= pages}
        onClick={() => onChange(page + 1)}
      />
    </nav>
  );
}
