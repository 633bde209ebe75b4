/**
 * Browser mode's log: the loopback host, composed as `npm start` composes it, writes a channel's failure
 * to `logs/main.log` in its own data folder (where the window's "the log has details" points), at the
 * level it deserves and redacted.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoopbackHost, type RunningHost } from '../../electron/host/index';
import { IPC_PATH_PREFIX, SESSION_HEADER } from '../../electron/loopback-wire';
import { openSession } from '../../testkit/loopback-session';
import { tempDir } from '../helpers/temp-dirs';

let running: RunningHost;
let session: string;

beforeAll(async () => {
  const outDir = tempDir('companion-out-');
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  mkdirSync(path.join(outDir, 'loopback'), { recursive: true });
  writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<html><head><title>t</title></head></html>');
  writeFileSync(path.join(outDir, 'loopback', 'preload.js'), 'window.x = 1');
  running = await runLoopbackHost({ outDir, dataDir: tempDir('companion-browser-data-'), env: {} });
  session = await openSession(running.host);
});

afterAll(() => running.stop());

async function call(channel: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const response = await fetch(`${running.host.origin}${IPC_PATH_PREFIX}companion:${channel}`, {
    method: 'POST',
    headers: { origin: running.host.origin, [SESSION_HEADER]: session, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; error?: { code: string } };
}

describe('browser mode’s log', () => {
  it('writes an expected failure with its code at info level, in the host’s own data folder', async () => {
    const answer = await call('describeJob', {
      jobId: 'JID00000000-0000-0000-0000-000000000000',
      region: 'eu-west-1',
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
    const file = path.join(running.dataDir, 'logs', 'main.log');
    await expect
      .poll(() => existsSync(file) && readFileSync(file, 'utf8'))
      .toMatch(/\[info\]\s+describeJob: NOT_CONNECTED \(told the person: .+\)/);
  });
});
