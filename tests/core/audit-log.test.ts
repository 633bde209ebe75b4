import { readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/core/audit-log';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';

const dir = tempDir('companion-audit-');

describe('AuditLog', () => {
  it('appends JSON lines with the time, in order, mode 0600', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 9, 0, 0));
    const log = new AuditLog(path.join(dir, 'a.jsonl'), clock);
    await Promise.all([
      log.record({ action: 'connect', outcome: 'ok', detail: 'demo account' }),
      log.record({
        action: 'download-manifest',
        outcome: 'ok',
        jobId: 'JID1',
        region: 'us-west-2',
        path: '/usb/m.bin',
        sha256: 'ab'.repeat(32),
      }),
    ]);
    clock.advance(1000);
    await log.record({
      action: 'mark-received',
      outcome: 'failed',
      jobId: 'JID1',
      detail: 'InvalidJobStateException',
    });
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual({
      action: 'connect',
      outcome: 'ok',
      detail: 'demo account',
      time: '2026-11-25T09:00:00.000Z',
    });
    expect(JSON.parse(lines[2]!).time).toBe('2026-11-25T09:00:01.000Z');
    if (process.platform !== 'win32') expect(statSync(log.file).mode & 0o777).toBe(0o600);
    expect((await log.entries()).map((e) => e.action)).toEqual([
      'connect',
      'download-manifest',
      'mark-received',
    ]);
  });

  it('redacts anything secret-shaped in its text fields', async () => {
    const log = new AuditLog(path.join(dir, 'b.jsonl'), new ManualClock());
    await log.record({
      action: 'unlock-device',
      outcome: 'failed',
      detail:
        'snowballEdge unlock-device --unlock-code a1b2c-3d4e5-f6g7h-8i9j0-klmno with AKIAIOSFODNN7EXAMPLE',
    });
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain('a1b2c-3d4e5-f6g7h-8i9j0-klmno');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('refuses a field it does not know, so a secret cannot ride along', async () => {
    const log = new AuditLog(path.join(dir, 'c.jsonl'), new ManualClock());
    await expect(() => log.record({ action: 'connect', outcome: 'ok', unlockCode: 'x' } as never)).toThrow(
      /Unrecognized key/,
    );
  });

  it('skips a damaged line and still reads the rest', async () => {
    const file = path.join(dir, 'd.jsonl');
    const log = new AuditLog(file, new ManualClock());
    await log.record({ action: 'connect', outcome: 'ok' });
    appendFileSync(file, '{"broken\n');
    await log.record({ action: 'list-jobs', outcome: 'ok' });
    expect((await log.entries()).map((e) => e.action)).toEqual(['connect', 'list-jobs']);
  });

  it('exports a copy without overwriting an existing file', async () => {
    const log = new AuditLog(path.join(dir, 'e.jsonl'), new ManualClock());
    await log.record({ action: 'connect', outcome: 'ok' });
    const target = path.join(dir, 'export.jsonl');
    await log.exportTo(target);
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(log.file, 'utf8'));
    writeFileSync(target, 'mine');
    await expect(log.exportTo(target)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(readFileSync(target, 'utf8')).toBe('mine');
  });
});
