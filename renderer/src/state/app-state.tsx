/**
 * What the window knows across pages: the app, the connection, the chosen regions, the job list, what
 * was done here for each job, the job being received, and the page shown. Never a secret: codes and keys
 * live in main.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type {
  AppInfo,
  ConnectionInfo,
  JobSummaryInfo,
  RegionInfo,
  SettingsInfo,
} from '../../../electron/contract';
import { call } from '../api/call';
import { listingStore, type Startup } from '../boot';
import { doneHereByJob, type DoneHere } from '../job-words';
import type { Listing } from './listing-store';

export type { Listing } from './listing-store';

export type Page = 'connect' | 'jobs' | 'receive' | 'offline' | 'device' | 'activity';

/** A page that holds unfinished work asks before the window leaves it. */
export interface LeaveGuard {
  title: string;
  message: string;
}

/** Everything but the job list: what the window's frame needs. */
interface ShellStateValue {
  appInfo: AppInfo | null;
  connection: ConnectionInfo | null;
  regions: RegionInfo[];
  selectedRegions: string[];
  page: Page;
  /** How many times the person moved between pages: pages take focus only after a move. */
  visits: number;
  receiveJob: JobSummaryInfo | null;
  settings: SettingsInfo | null;
  /** What this app did for each job (from the audit log), by job id. */
  doneHere: ReadonlyMap<string, DoneHere>;
  /** A new connection (its jobs are listed at once) or none. */
  connected(connection: ConnectionInfo | null): void;
  setSelectedRegions(regions: string[]): void;
  /**
   * Moves to a page; when a leave guard is set, the person is asked first (unless the page that set it
   * says the work is done: `done`).
   */
  navigate(page: Page, options?: { done?: boolean }): void;
  receive(job: JobSummaryInfo): void;
  refreshJobs(regions?: string[]): Promise<void>;
  refreshSettings(): Promise<SettingsInfo | null>;
  refreshDoneHere(): Promise<void>;
  setLeaveGuard(guard: LeaveGuard | null): void;
  /** The move waiting for the person's answer (the frame asks). */
  pendingLeave: { guard: LeaveGuard; to: Page } | null;
  answerLeave(leave: boolean): void;
}

type AppStateValue = ShellStateValue & { listing: Listing };

const ShellState = createContext<ShellStateValue | null>(null);

export function AppStateProvider({ startup, children }: { startup: Startup; children: ReactNode }) {
  const [connection, setConnection] = useState<ConnectionInfo | null>(startup.connection);
  const [selectedRegions, setSelected] = useState<string[]>(startup.chosenRegions);
  const [page, setPage] = useState<Page>(startup.connection ? 'jobs' : 'connect');
  const [visits, setVisits] = useState(0);
  const [receiveJob, setReceiveJob] = useState<JobSummaryInfo | null>(null);
  const [settings, setSettings] = useState<SettingsInfo | null>(startup.settings);
  const [doneHere, setDoneHere] = useState<ReadonlyMap<string, DoneHere>>(new Map());
  const [guard, setGuard] = useState<LeaveGuard | null>(null);
  const [pendingLeave, setPendingLeave] = useState<{ guard: LeaveGuard; to: Page } | null>(null);
  const { appInfo, regions } = startup;

  const refreshJobs = useCallback(
    (chosen?: string[]) => listingStore.start(chosen ?? selectedRegions),
    [selectedRegions],
  );

  const refreshSettings = useCallback(async () => {
    try {
      const next = await call('getSettings');
      setSettings(next);
      return next;
    } catch {
      return null;
    }
  }, []);

  const refreshDoneHere = useCallback(
    () =>
      call('listAuditEntries').then(
        ({ entries }) => setDoneHere(doneHereByJob(entries)),
        // What was done here is a courtesy: the list works without it.
        () => undefined,
      ),
    [],
  );

  // What was done here is read once the first listing has ended: it would otherwise compete with the
  // listing for main's time and rebuild every row while the list still streams in.
  useEffect(() => {
    if (!startup.connection) return undefined;
    let asked = false;
    const ask = () => {
      if (asked || listingStore.getSnapshot().loading) return;
      asked = true;
      void refreshDoneHere();
    };
    const stop = listingStore.subscribe(ask);
    ask();
    return stop;
  }, [startup.connection, refreshDoneHere]);

  const go = useCallback((to: Page) => {
    setPage(to);
    setVisits((v) => v + 1);
  }, []);

  const shell = useMemo<ShellStateValue>(
    () => ({
      appInfo,
      connection,
      regions,
      selectedRegions,
      page,
      visits,
      receiveJob,
      settings,
      doneHere,
      connected: (next) => {
        setConnection(next);
        listingStore.reset();
        if (next) {
          // A new connection lists its jobs at once, in its regions (remembered, or the defaults).
          setSelected(next.defaultRegions);
          void listingStore.start(next.defaultRegions);
          void refreshDoneHere();
        }
      },
      setSelectedRegions: (chosen) => {
        setSelected(chosen);
        void call('rememberRegions', { regions: chosen }).catch(() => undefined);
      },
      navigate: (to, options) => {
        if (to === page) return;
        if (guard && !options?.done) return setPendingLeave({ guard, to });
        setGuard(null);
        go(to);
      },
      receive: (job) => {
        setReceiveJob(job);
        go('receive');
      },
      refreshJobs,
      refreshSettings,
      refreshDoneHere,
      setLeaveGuard: setGuard,
      pendingLeave,
      answerLeave: (leave) => {
        const target = pendingLeave?.to;
        setPendingLeave(null);
        if (leave && target) {
          setGuard(null);
          go(target);
        }
      },
    }),
    [
      appInfo,
      connection,
      regions,
      selectedRegions,
      page,
      visits,
      receiveJob,
      settings,
      doneHere,
      guard,
      pendingLeave,
      go,
      refreshJobs,
      refreshSettings,
      refreshDoneHere,
    ],
  );
  return <ShellState.Provider value={shell}>{children}</ShellState.Provider>;
}

/** The job list as it fills; only the components that read it render again while pages stream in. */
export function useListing(): Listing {
  return useSyncExternalStore(listingStore.subscribe, listingStore.getSnapshot);
}

/** All of the window's state, the job list included. */
export function useAppState(): AppStateValue {
  return { ...useShellState(), listing: useListing() };
}

/** The window's state without the job list: does not render again while job pages stream in. */
export function useShellState(): ShellStateValue {
  const value = useContext(ShellState);
  if (!value) throw new Error('useShellState outside AppStateProvider');
  return value;
}
