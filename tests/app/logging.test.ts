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
const { logChannelFailure, redactValue, setUpLogging } = await import('../../electron/app/logging');
const { AppError } = await import('../../electron/core/app-error');

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

  it('logs what the person was told as information, and only the unforeseen as an error', () => {
    const lines: { level: string; text: string }[] = [];
    const logger = {
      info: (...data: unknown[]) => lines.push({ level: 'info', text: data.map(String).join(' ') }),
      error: (...data: unknown[]) => lines.push({ level: 'error', text: data.map(String).join(' ') }),
    };
    logChannelFailure(logger, 'saveManifest', new AppError('FILE_EXISTS', 'A file of that name exists.'));
    logChannelFailure(logger, 'listJobs', new TypeError('x is undefined'));
    logChannelFailure(logger, 'listJobs', new AppError('INTERNAL', 'Unexpected.'));
    expect(lines).toEqual([
      { level: 'info', text: 'saveManifest: FILE_EXISTS (told the person: A file of that name exists.)' },
      { level: 'error', text: 'listJobs failed TypeError: x is undefined' },
      { level: 'error', text: 'listJobs failed AppError: Unexpected.' },
    ]);
  });

  it('turns anything unprintable into a placeholder instead of throwing', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(redactValue(loop)).toBe('[unprintable]');
  });
});
