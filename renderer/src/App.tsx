import AppLayout from '@cloudscape-design/components/app-layout';
import Box from '@cloudscape-design/components/box';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import { useEffect, useState } from 'react';
import iconUrl from '../../assets/icon.svg';
import type { IpcError } from '../../electron/contract';
import { call, errorOf } from './api/call';
import { ErrorAlert } from './components/ErrorAlert';
import { ActivityPage } from './pages/ActivityPage';
import { ConnectPage } from './pages/ConnectPage';
import { JobsPage } from './pages/JobsPage';
import { OfflinePage } from './pages/OfflinePage';
import { ReceivePage } from './pages/ReceivePage';
import { useShellState, type Page } from './state/app-state';

const PAGES: { page: Page; text: string }[] = [
  { page: 'connect', text: 'Connect' },
  { page: 'jobs', text: 'Jobs' },
  { page: 'receive', text: 'Receive a device' },
  { page: 'offline', text: 'Unlock without AWS' },
  { page: 'activity', text: 'Activity' },
];

export function App() {
  // The frame only: it does not render again while job pages stream in.
  const state = useShellState();
  const {
    appInfo,
    connection,
    page,
    navigate,
    setAppInfo,
    setRegions,
    connected,
    refreshSettings,
    refreshJobs,
  } = state;
  const [startError, setStartError] = useState<IpcError | null>(null);
  // No page until main has said whether it is connected: the Connect page is not rendered for nothing.
  const [started, setStarted] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const [info, { regions }, current] = await Promise.all([
          call('getAppInfo'),
          call('listRegions'),
          call('getConnection'),
          refreshSettings(),
        ]);
        setAppInfo(info);
        setRegions(regions);
        if (current) {
          connected(current);
          navigate('jobs');
          // Asked now, while the jobs page renders, not once it has.
          void refreshJobs(current.defaultRegions);
        }
      } catch (error) {
        setStartError(errorOf(error));
      } finally {
        setStarted(true);
      }
    })();
    // Once, at start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const who = connection ? connection.identity.arn.split(/[:/]/).pop() : null;
  return (
    <>
      <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{
            href: '#',
            title: 'Snowball Companion',
            logo: { src: iconUrl, alt: '' },
            onFollow: (e) => e.preventDefault(),
          }}
          utilities={[
            {
              type: 'button',
              text: connection ? `${who ?? ''} · ${connection.identity.account}` : 'Not connected',
              title: connection ? `Connected as ${connection.identity.arn}` : 'Not connected to AWS',
              ariaLabel: connection ? `Connected as ${connection.identity.arn}` : 'Not connected to AWS',
              iconName: connection ? 'status-positive' : 'status-stopped',
              onClick: () => navigate('connect'),
            },
          ]}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        navigation={
          <SideNavigation
            header={{ text: appInfo ? `Version ${appInfo.version}` : 'Snowball Companion', href: '#' }}
            activeHref={`#${page}`}
            items={PAGES.map(({ page: p, text }) => ({ type: 'link', text, href: `#${p}` }))}
            onFollow={(event) => {
              event.preventDefault();
              const target = event.detail.href.slice(1) as Page;
              if (PAGES.some((p) => p.page === target)) navigate(target);
            }}
          />
        }
        content={
          <main>
            {/* Without main (no preload, refused), no page can work: say why and nothing else. */}
            {startError && (
              <Box padding={{ top: 'l' }}>
                <ErrorAlert error={startError} />
              </Box>
            )}
            {started && !startError && page === 'connect' && <ConnectPage />}
            {started && !startError && page === 'jobs' && <JobsPage />}
            {started && !startError && page === 'receive' && <ReceivePage />}
            {started && !startError && page === 'offline' && <OfflinePage />}
            {started && !startError && page === 'activity' && <ActivityPage />}
          </main>
        }
      />
    </>
  );
}
