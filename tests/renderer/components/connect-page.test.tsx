// @vitest-environment happy-dom
/**
 * The Connect page's ways of connecting: a refused key is marked on its field in a person's words (never
 * the schema's), and a failure shows beside the way that caused it, replacing the last one.
 */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput, Result } from '../../../electron/contract';
import { ConnectPage } from '../../../renderer/src/pages/ConnectPage';
import { InShell, installCompanion, removeCompanion } from './shell';

const listCredentialSources = vi.fn<() => Promise<Result<ChannelOutput<'listCredentialSources'>>>>();
const connect = vi.fn<(input: unknown) => Promise<Result<ChannelOutput<'connect'>>>>();
const disconnect = vi.fn<() => Promise<Result<ChannelOutput<'disconnect'>>>>();

beforeEach(() => {
  listCredentialSources.mockReset().mockResolvedValue({
    ok: true,
    value: {
      profiles: [],
      environmentKeys: false,
      environmentProfile: null,
      configFile: '/home/site/.aws/config',
      credentialsFile: '/home/site/.aws/credentials',
    },
  });
  connect.mockReset();
  disconnect.mockReset();
  installCompanion({ listCredentialSources, connect, disconnect });
});
afterEach(() => {
  cleanup();
  removeCompanion();
});

const follows = (a: Node, b: Node) =>
  Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('ConnectPage', () => {
  it('marks a refused key on its field, then shows a failed demo beside the demo instead', async () => {
    connect
      .mockResolvedValueOnce({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'source.accessKeyId: Invalid string',
          retryable: false,
          fields: ['source.accessKeyId'],
        },
      })
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'NETWORK', message: 'AWS could not be reached from here.', retryable: true },
      });
    const user = userEvent.setup();
    render(
      <InShell>
        <ConnectPage />
      </InShell>,
    );
    await screen.findByText('No AWS credentials found on this computer');

    await user.type(screen.getByRole('textbox', { name: 'Access key ID' }), 'AKIA-not-a-key');
    await user.type(screen.getByLabelText('Secret access key'), 'x'.repeat(40));
    await user.click(screen.getByRole('button', { name: 'Connect with these keys' }));
    expect(connect).toHaveBeenLastCalledWith({
      source: { kind: 'session-keys', accessKeyId: 'AKIA-not-a-key', secretAccessKey: 'x'.repeat(40) },
    });
    expect(await screen.findByText(/An access key ID is 20 capital letters and digits/)).toBeTruthy();
    // The field says it; no alert repeats the schema's words.
    expect(screen.queryByTestId('error-message')).toBeNull();
    expect(screen.queryByText(/Invalid string/)).toBeNull();

    const demo = screen.getByRole('button', { name: 'Use the demo account' });
    await user.click(demo);
    expect(connect).toHaveBeenLastCalledWith({ source: { kind: 'demo' } });
    const message = await screen.findByTestId('error-message');
    expect(message.textContent).toBe('AWS could not be reached from here.');
    // Beside the demo (shown first when there are no credentials), before the keys' form.
    expect(follows(demo, message)).toBe(true);
    expect(follows(message, screen.getByRole('button', { name: 'Connect with these keys' }))).toBe(true);
    expect(screen.getByRole('button', { name: 'Unlock without AWS' })).toBeTruthy();
    // The keys' failure is over: their field is no longer marked.
    expect(screen.queryByText(/An access key ID is 20 capital letters and digits/)).toBeNull();
    expect(screen.getAllByTestId('error-message')).toHaveLength(1);
  });

  it('says so beside the connection when disconnecting fails, and stays connected', async () => {
    disconnect.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INTERNAL', message: 'Snowball Companion hit an unexpected problem.', retryable: true },
    });
    const user = userEvent.setup();
    render(
      <InShell
        startup={{
          connection: {
            source: 'demo',
            profile: null,
            identity: { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/demo', userId: 'AIDA' },
            partition: 'aws',
            defaultRegions: ['us-east-1'],
            sso: null,
          },
        }}
      >
        <ConnectPage />
      </InShell>,
    );
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    expect(disconnect).toHaveBeenCalledTimes(1);
    const message = await screen.findByTestId('error-message');
    expect(message.textContent).toBe('Snowball Companion hit an unexpected problem.');
    expect(follows(screen.getByTestId('connected-as'), message)).toBe(true);
    expect(screen.getByTestId('connected-as').textContent).toBe('arn:aws:iam::111122223333:user/demo');
  });
});
