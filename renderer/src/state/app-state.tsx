/**
 * What the window knows across pages: the app, the connection, the chosen regions, the job list, the
 * job being received, and the page shown. Never a secret: codes and keys live in main.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  AppInfo,
  ConnectionInfo,
  IpcError,
  JobListingInfo,
  JobSummaryInfo,
  RegionInfo,
  SettingsInfo,
} from '../../../electron/contract';
import { call, errorOf } from '../api/call';

export type Page = 'connect' | 'jobs' | 'receive' | 'offline' | 'activity';

export interface Listing {
  loading: boolean;
  /** Jobs shown so far (pages arrive before every region has answered). */
  result: JobListingInfo | null;
  error: IpcError | null;
  listedAt: number | null;
}

/** Everything but the job list: what the window's frame (App) needs. */
interface ShellStateValue {
  appInfo: AppInfo | null;
  connection: ConnectionInfo | null;
  regions: RegionInfo[];
  selectedRegions: string[];
  page: Page;
  receiveJob: JobSummaryInfo | null;
  settings: SettingsInfo | null;
  setAppInfo(info: AppInfo): void;
  setRegions(regions: RegionInfo[]): void;
  connected(connection: ConnectionInfo | null): void;
  setSelectedRegions(regions: string[]): void;
  navigate(page: Page): void;
  receive(job: JobSummaryInfo): void;
  refreshJobs(regions?: string[]): Promise<void>;
  refreshSettings(): Promise<SettingsInfo | null>;
}

interface ListingStateValue {
  listing: Listing;
  addPartialJobs(jobs: JobSummaryInfo[]): void;
}

type AppStateValue = ShellStateValue & ListingStateValue;

// Two contexts: the job list changes many times while pages stream in, and only the pages that show it
// should render again then, not the window's frame.
const ShellState = createContext<ShellStateValue | null>(null);
const ListingState = createContext<ListingStateValue | null>(null);

/** While pages stream in, the list is re-rendered at most this often (the first page shows at once). */
const PARTIAL_INTERVAL_MS = 100;

const EMPTY_LISTING: Listing = { loading: false, result: null, error: null, listedAt: null };

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [connection, setConnection] = useState<ConnectionInfo | null>(null);
  const [regions, setRegions] = useState<RegionInfo[]>([]);
  const [selectedRegions, setSelectedRegions] = useState<string[]>([]);
  const [page, setPage] = useState<Page>('connect');
  const [receiveJob, setReceiveJob] = useState<JobSummaryInfo | null>(null);
  const [listing, setListing] = useState<Listing>(EMPTY_LISTING);
  const [settings, setSettings] = useState<SettingsInfo | null>(null);

  const refreshJobs = useCallback(
    async (chosen?: string[]) => {
      const regionsToList = chosen ?? selectedRegions;
      if (regionsToList.length === 0) return;
      setListing((l) => ({
        ...l,
        loading: true,
        error: null,
        result: l.result ? l.result : { jobs: [], failures: [], regions: [] },
      }));
      try {
        const result = await call('listJobs', { regions: regionsToList });
        setListing({ loading: false, result, error: null, listedAt: Date.now() });
      } catch (error) {
        setListing((l) => ({ ...l, loading: false, error: errorOf(error) }));
      }
    },
    [selectedRegions],
  );

  // Pages that arrived since the last render of the list, merged in together.
  const pending = useRef<JobSummaryInfo[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastFlush = useRef(0);

  const addPartialJobs = useCallback((jobs: JobSummaryInfo[]) => {
    pending.current.push(...jobs);
    if (flushTimer.current !== null) return;
    const flush = () => {
      flushTimer.current = null;
      lastFlush.current = performance.now();
      const incoming = pending.current;
      pending.current = [];
      setListing((l) => {
        if (!l.loading || !l.result) return l;
        const known = new Set(l.result.jobs.map((j) => j.jobId));
        const fresh = incoming.filter((j) => !known.has(j.jobId));
        return fresh.length === 0 ? l : { ...l, result: { ...l.result, jobs: [...l.result.jobs, ...fresh] } };
      });
    };
    flushTimer.current = setTimeout(
      flush,
      Math.max(0, lastFlush.current + PARTIAL_INTERVAL_MS - performance.now()),
    );
  }, []);

  const refreshSettings = useCallback(async () => {
    try {
      const next = await call('getSettings');
      setSettings(next);
      return next;
    } catch {
      return null;
    }
  }, []);

  const shell = useMemo<ShellStateValue>(
    () => ({
      appInfo,
      connection,
      regions,
      selectedRegions,
      page,
      receiveJob,
      settings,
      setAppInfo,
      setRegions,
      connected: (next) => {
        setConnection(next);
        setListing(EMPTY_LISTING);
        if (next) setSelectedRegions((current) => (current.length > 0 ? current : next.defaultRegions));
      },
      setSelectedRegions,
      navigate: setPage,
      receive: (job) => {
        setReceiveJob(job);
        setPage('receive');
      },
      refreshJobs,
      refreshSettings,
    }),
    [appInfo, connection, regions, selectedRegions, page, receiveJob, settings, refreshJobs, refreshSettings],
  );
  const listingState = useMemo<ListingStateValue>(
    () => ({ listing, addPartialJobs }),
    [listing, addPartialJobs],
  );
  return (
    <ShellState.Provider value={shell}>
      <ListingState.Provider value={listingState}>{children}</ListingState.Provider>
    </ShellState.Provider>
  );
}

/** All of the window's state, the job list included. */
export function useAppState(): AppStateValue {
  return { ...useShellState(), ...useListingState() };
}

/** The window's state without the job list: does not render again while job pages stream in. */
export function useShellState(): ShellStateValue {
  const value = useContext(ShellState);
  if (!value) throw new Error('useShellState outside AppStateProvider');
  return value;
}

function useListingState(): ListingStateValue {
  const value = useContext(ListingState);
  if (!value) throw new Error('useAppState outside AppStateProvider');
  return value;
}
