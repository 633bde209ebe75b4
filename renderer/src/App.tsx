import { Suspense } from 'react';
import type { IpcError } from '../../electron/contract';
import { Frame } from './frame/Frame';
import { lazyCloudscape } from './lazy-page';
import { Alert } from './lite/Alert';
import { StatusText } from './lite/StatusText';
import { JobsPage } from './pages/jobs/JobsPage';
import { useShellState } from './state/app-state';

// The jobs page is light and part of the first paint; every other page loads when first shown.
const ConnectPage = lazyCloudscape(() => import('./pages/ConnectPage'), 'ConnectPage');
const ReceivePage = lazyCloudscape(() => import('./pages/ReceivePage'), 'ReceivePage');
const OfflinePage = lazyCloudscape(() => import('./pages/OfflinePage'), 'OfflinePage');
const DevicePage = lazyCloudscape(() => import('./pages/DevicePage'), 'DevicePage');
const ActivityPage = lazyCloudscape(() => import('./pages/ActivityPage'), 'ActivityPage');

export function App({ startError }: { startError: IpcError | null }) {
  const { page } = useShellState();
  return (
    <Frame>
      {/* Without main (no preload, refused), no page can work: say why and nothing else. */}
      {startError ? (
        <div className="sc-page-header">
          <Alert type="error" header="Snowball Companion cannot start here">
            <span data-testid="error-message" data-error-code={startError.code}>
              {startError.message}
            </span>
          </Alert>
        </div>
      ) : (
        <Suspense fallback={<Loading />}>
          {page === 'connect' && <ConnectPage />}
          {page === 'jobs' && <JobsPage />}
          {page === 'receive' && <ReceivePage />}
          {page === 'offline' && <OfflinePage />}
          {page === 'device' && <DevicePage />}
          {page === 'activity' && <ActivityPage />}
        </Suspense>
      )}
    </Frame>
  );
}

function Loading() {
  return (
    <div className="sc-page-header">
      <StatusText type="loading">Loading…</StatusText>
    </div>
  );
}
