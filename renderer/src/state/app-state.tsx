/**
 * What the window knows across pages: the app, the connection, the chosen regions, the job list, the
 * job being received, and the page shown. Never a secret: codes and keys live in main.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
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

interface AppStateValue {
  appInfo: AppInfo | null;
  connection: ConnectionInfo | null;
  regions: RegionInfo[];
  selectedRegions: string[];
  page: Page;
  receiveJob: JobSummaryInfo | null;
  listing: Listing;
  settings: SettingsInfo | null;
  setAppInfo(info: AppInfo): void;
  setRegions(regions: RegionInfo[]): void;
  connected(connection: ConnectionInfo | null): void;
  setSelectedRegions(regions: string[]): void;
  navigate(page: Page): void;
  receive(job: JobSummaryInfo): void;
  refreshJobs(regions?: string[]): Promise<void>;
  addPartialJobs(jobs: JobSummaryInfo[]): void;
  refreshSettings(): Promise<SettingsInfo | null>;
}

const AppState = createContext<AppStateValue | null>(null);

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

  const addPartialJobs = useCallback((jobs: JobSummaryInfo[]) => {
    setListing((l) => {
      if (!l.loading || !l.result) return l;
      const known = new Set(l.result.jobs.map((j) => j.jobId));
      const fresh = jobs.filter((j) => !known.has(j.jobId));
      return fresh.length === 0 ? l : { ...l, result: { ...l.result, jobs: [...l.result.jobs, ...fresh] } };
    });
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

  const value = useMemo<AppStateValue>(
    () => ({
      appInfo,
      connection,
      regions,
      selectedRegions,
      page,
      receiveJob,
      listing,
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
      addPartialJobs,
      refreshSettings,
    }),
    [
      appInfo,
      connection,
      regions,
      selectedRegions,
      page,
      receiveJob,
      listing,
      settings,
      refreshJobs,
      addPartialJobs,
      refreshSettings,
    ],
  );
  return <AppState.Provider value={value}>{children}</AppState.Provider>;
}

export function useAppState(): AppStateValue {
  const value = useContext(AppState);
  if (!value) throw new Error('useAppState outside AppStateProvider');
  return value;
}
