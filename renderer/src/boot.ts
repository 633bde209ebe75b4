/**
 * The window's first module: it asks main what the window needs (app, regions, connection, settings) and,
 * when already connected, starts listing the jobs, all before React and the page's components have
 * loaded, so the answers arrive while they do. Imported first by main.tsx.
 */
import type { AppInfo, ConnectionInfo, IpcError, RegionInfo, SettingsInfo } from '../../electron/contract';
import { call, errorOf } from './api/call';
import { companion } from './companion';
import { ListingStore } from './state/listing-store';

// Start-up marks for the window benchmark and traces (docs/PERFORMANCE.md); they stay in this window.
performance.mark('start:boot');

export const listingStore = new ListingStore({
  listJobs: (regions) => call('listJobs', { regions }),
  errorOf,
  now: () => performance.now(),
});

// Subscribed before any listing starts, so no page of jobs is missed.
companion()?.on('jobsPage', ({ region, jobs }) => {
  if (performance.getEntriesByName('jobs:first-page').length === 0) performance.mark('jobs:first-page');
  listingStore.addPage(region, jobs);
});

export interface Startup {
  appInfo: AppInfo | null;
  regions: RegionInfo[];
  connection: ConnectionInfo | null;
  settings: SettingsInfo | null;
  /** The regions to search: the connection's (remembered from an earlier start, else the defaults). */
  chosenRegions: string[];
  error: IpcError | null;
}

export const startup: Promise<Startup> = (async () => {
  try {
    const [appInfo, { regions }, connection, settings] = await Promise.all([
      call('getAppInfo'),
      call('listRegions'),
      call('getConnection'),
      call('getSettings').catch(() => null),
    ]);
    performance.mark('start:answered');
    // Connected already (a reopened window): list at once, in the connection's regions.
    if (connection) void listingStore.start(connection.defaultRegions);
    return {
      appInfo,
      regions,
      connection,
      settings,
      chosenRegions: connection?.defaultRegions ?? [],
      error: null,
    };
  } catch (error) {
    return {
      appInfo: null,
      regions: [],
      connection: null,
      settings: null,
      chosenRegions: [],
      error: errorOf(error),
    };
  }
})();
