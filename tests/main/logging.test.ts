/**
 * The log with the real electron-log, in main (the fake `electron` standing in): every line redacted, and
 * nothing outside the contract talking to main — no IPC listener or handler of its own, no preload added
 * to any session.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fakeState, resetFake } from '../helpers/electron-fake';
import { tempDir } from '../helpers/temp-dirs';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());
resetFake();
const { redactValue, setUpLogging } = await import('../../electron/main/logging');

const logFile = path.join(tempDir('companion-log-'), 'logs', 'main.log');

describe('logging', () => {
  it('writes to the log file given, with a redaction step in front of every transport', () => {
    const log = setUpLogging(() => logFile);
    log.transports.console.level = false;
    log.error(
      'unlock-device --unlock-code a1b2c-3d4e5-f6g7h-8i9j0-klmno',
      new Error('key AKIAIOSFODNN7EXAMPLE refused'),
      { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    );
    expect(existsSync(logFile)).toBe(true);
    const text = readFileSync(logFile, 'utf8');
    expect(text).toContain('refused');
    expect(text).not.toContain('a1b2c-3d4e5-f6g7h-8i9j0-klmno');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).not.toContain('wJalrXUtnFEMI');
  });

  it('is main-only: no IPC channel of its own and no preload, before or after the app is ready', () => {
    const state = fakeState();
    state.app.fireReady();
    state.app.emit('session-created', {});
    expect([...state.ipcListeners.keys()]).toEqual([]);
    expect([...state.ipcHandlers.keys()]).toEqual([]);
    expect(state.sessionPreloads).toEqual([]);
  });

  it('turns anything unprintable into a placeholder instead of throwing', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(redactValue(loop)).toBe('[unprintable]');
  });
});
