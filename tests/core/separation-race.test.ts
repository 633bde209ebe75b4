/**
 * Separation under a race: another process keeps swapping a folder on the path the code is saved to
 * between the laptop's folder and the manifest's (USB) folder, while the vault saves the code a few
 * hundred times. Each save is judged and written against the one folder it holds open, so none may land
 * beside the manifest, and no temporary file holding the code may be left anywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryClipboard } from '../../electron/core/ports';
import { UnlockCodeVault } from '../../electron/core/unlock-code';
import { walkFiles } from '../../testkit/secret-scan';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';

const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
const SAVES = 400;

/** Swaps `link` between two folders as fast as it can, each swap one atomic rename of a fresh symlink. */
const SWAPPER = `
const { symlinkSync, renameSync } = require('node:fs');
const [link, a, b] = process.argv.slice(1);
for (let i = 0; ; i++) {
  const next = link + '.next';
  symlinkSync(i % 2 ? a : b, next);
  renameSync(next, link);
}`;

let swapper: ChildProcess | null = null;
afterAll(() => {
  swapper?.kill('SIGKILL');
});

describe.runIf(process.platform !== 'win32')('saving the code while a folder on its path is swapped', () => {
  it(`lands none of ${SAVES} saves beside the manifest and leaves no temporary file`, async () => {
    const root = tempDir('companion-race-');
    const usb = path.join(root, 'usb-stick');
    const laptop = path.join(root, 'laptop');
    mkdirSync(usb);
    mkdirSync(laptop);
    const manifestPath = path.join(usb, 'JID_manifest.bin');
    writeFileSync(manifestPath, 'manifest');
    const place = path.join(root, 'place');

    swapper = spawn(process.execPath, ['-e', SWAPPER, place, laptop, usb], { stdio: 'ignore' });
    // The swapper runs: the link has pointed both ways before the saves start.
    const seen = new Set<string>();
    while (seen.size < 2) {
      try {
        seen.add(readlinkSync(place));
      } catch {
        // between its first symlink and its first rename
      }
      await new Promise((resolve) => setImmediate(resolve));
    }

    const vault = new UnlockCodeVault({
      clock: new ManualClock(),
      clipboard: memoryClipboard(),
      separationEnv: { platform: process.platform, sharedRoots: [] },
    });
    const handle = vault.hold('JID', CODE);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < SAVES; i++) {
      const outcome = await vault
        .save(handle.id, {
          path: path.join(place, `code-${i}.txt`),
          manifestPath,
          acceptWarnings: true,
        })
        .then(
          () => 'saved',
          (error: { code?: string }) => error.code ?? 'threw',
        );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    swapper.kill('SIGKILL');

    const besideManifest = readdirSync(usb).filter((name) => name !== 'JID_manifest.bin');
    const leftovers = walkFiles(root).filter((file) => file.endsWith('.partial'));
    console.log(
      `race: ${SAVES} saves (${JSON.stringify(outcomes)}); ${besideManifest.length} beside the manifest, ` +
        `${leftovers.length} temporary files left`,
    );
    expect({ besideManifest: besideManifest.length, leftovers: leftovers.length }).toEqual({
      besideManifest: 0,
      leftovers: 0,
    });
    // Both ways were really taken: some saves went to the laptop, some were blocked as the manifest's folder.
    expect(outcomes.saved).toBeGreaterThan(0);
    expect(outcomes.SEPARATION_BLOCKED).toBeGreaterThan(0);
    expect(readdirSync(laptop).filter((name) => name.startsWith('code-'))).toHaveLength(outcomes.saved!);
  }, 60_000);
});
