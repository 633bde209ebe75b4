import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useEffect, useState } from 'react';
import type { AppInfo, IpcError } from '../../electron/contract';
import { companion } from './companion';

type Load = { state: 'loading' } | { state: 'ready'; info: AppInfo } | { state: 'failed'; error: IpcError };

const NO_PRELOAD: IpcError = {
  code: 'INTERNAL',
  message:
    'This page was opened without the app. Start Snowball Companion with `npm start` and use the window it opens.',
  retryable: false,
};

export function App() {
  const [load, setLoad] = useState<Load>(() =>
    companion() ? { state: 'loading' } : { state: 'failed', error: NO_PRELOAD },
  );

  useEffect(() => {
    const api = companion();
    if (!api) return;
    void api
      .getAppInfo()
      .then((result) =>
        setLoad(
          result.ok ? { state: 'ready', info: result.value } : { state: 'failed', error: result.error },
        ),
      );
  }, []);

  return (
    <Box padding="l">
      <ContentLayout
        header={
          <Header
            variant="h1"
            description="Receive an AWS Snowball device: find it, store its keys apart, unlock it."
          >
            Snowball Companion
          </Header>
        }
      >
        <Container header={<Header variant="h2">This app</Header>}>
          <SpaceBetween size="s">
            {load.state === 'loading' && (
              <StatusIndicator type="loading">Connecting to the app…</StatusIndicator>
            )}
            {load.state === 'failed' && <StatusIndicator type="error">{load.error.message}</StatusIndicator>}
            {load.state === 'ready' && (
              <>
                <StatusIndicator type="success">Ready</StatusIndicator>
                <Box data-testid="app-version">
                  Version {load.info.version} ·{' '}
                  {load.info.shell === 'electron' ? 'desktop app' : 'browser mode (loopback host)'} on{' '}
                  {load.info.platform}
                </Box>
              </>
            )}
          </SpaceBetween>
        </Container>
      </ContentLayout>
    </Box>
  );
}
