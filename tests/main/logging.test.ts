import { describe, expect, it, vi } from 'vitest';

const hooks: ((message: { data: unknown[] }) => { data: unknown[] })[] = [];
vi.mock('electron-log/main', () => ({
  default: { initialize: () => undefined, transports: { file: { level: 'debug' } }, hooks },
}));

const { redactValue, setUpLogging } = await import('../../electron/main/logging');

describe('logging', () => {
  it('installs a redaction hook in front of every transport', () => {
    const log = setUpLogging();
    expect(log.transports.file.level).toBe('info');
    expect(hooks).toHaveLength(1);
    const out = hooks[0]!({
      data: [
        'unlock-device --unlock-code a1b2c-3d4e5-f6g7h-8i9j0-klmno',
        new Error('key AKIAIOSFODNN7EXAMPLE refused'),
        { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      ],
    });
    const text = JSON.stringify(out.data);
    expect(text).not.toContain('a1b2c-3d4e5-f6g7h-8i9j0-klmno');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).toContain('refused');
  });

  it('turns anything unprintable into a placeholder instead of throwing', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(redactValue(loop)).toBe('[unprintable]');
  });
});
