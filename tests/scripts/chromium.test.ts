/**
 * The e2e browser installer: where no Chromium is found it installs Debian's package, and every apt-get
 * run waits for the dpkg and package-list locks another package manager holds instead of failing at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { APT_LOCK_WAIT_S, ensureChromium, type InstallerHost } from '../../scripts/chromium';

function host(installs: boolean): InstallerHost & { ran: [string, string[]][] } {
  const ran: [string, string[]][] = [];
  let installed = false;
  return {
    ran,
    find: () => (installed ? '/usr/bin/chromium' : null),
    canInstall: () => true,
    exec: (command, args) => {
      ran.push([command, args]);
      if (installs && args.includes('install')) installed = true;
    },
  };
}

describe('ensureChromium', () => {
  it('installs the package with apt-get, each run waiting for the locks', () => {
    vi.stubEnv('CHROMIUM_PATH', '');
    const machine = host(true);
    expect(ensureChromium(() => undefined, machine)).toBe('/usr/bin/chromium');
    expect(machine.ran.map(([command, args]) => [command, args.filter((a) => !a.startsWith('-'))])).toEqual([
      ['apt-get', ['DPkg::Lock::Timeout=600', 'update']],
      ['apt-get', ['DPkg::Lock::Timeout=600', 'install', 'chromium']],
    ]);
    for (const [, args] of machine.ran) {
      expect(args.slice(0, 2)).toEqual(['-o', `DPkg::Lock::Timeout=${APT_LOCK_WAIT_S}`]);
    }
    expect(APT_LOCK_WAIT_S).toBeGreaterThanOrEqual(60);
    vi.unstubAllEnvs();
  });

  it('says how to get a browser when none can be installed', () => {
    vi.stubEnv('CHROMIUM_PATH', '');
    const machine = { ...host(false), canInstall: () => false };
    expect(() => ensureChromium(() => undefined, machine)).toThrow(/set CHROMIUM_PATH/);
    expect(machine.ran).toEqual([]);
    vi.unstubAllEnvs();
  });
});
