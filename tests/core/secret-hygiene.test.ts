import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SESSION_CREDENTIALS, start } from '../../emulator';
import { AuditLog } from '../../electron/core/audit-log';
import { listJobs } from '../../electron/core/jobs';
import { downloadManifest } from '../../electron/core/manifest';
import { memoryClipboard } from '../../electron/core/ports';
import { connect } from '../../electron/core/session';
import { SettingsStore } from '../../electron/core/settings';
import { markReceived } from '../../electron/core/shipment';
import { fetchUnlockCode, UnlockCodeVault } from '../../electron/core/unlock-code';
import { ManualClock } from '../helpers/manual-clock';
import { tempDir } from '../helpers/temp-dirs';
import { walkFiles } from '../../testkit/secret-scan';

describe('secret hygiene of core', () => {
  const emulatorP = start({ seed: 'hygiene' });
  afterAll(async () => (await emulatorP).stop());

  it('writes the unlock code only to the file the user chose, and no key or token anywhere', async () => {
    const emulator = await emulatorP;
    const root = tempDir('companion-hygiene-');
    const [usb, laptop, data] = ['usb', 'laptop', 'data'].map((d) => path.join(root, d));
    for (const d of [usb, laptop, data]) mkdirSync(d!, { mode: 0o700 });
    const clock = new ManualClock(emulator.now());
    const audit = new AuditLog(path.join(data!, 'audit.jsonl'), clock);
    const settings = new SettingsStore(path.join(data!, 'settings.json'), clock);
    const vault = new UnlockCodeVault({
      clock,
      clipboard: memoryClipboard(),
      separationEnv: { platform: process.platform, sharedRoots: [] },
    });

    const session = await connect(
      { kind: 'session-keys', ...DEMO_SESSION_CREDENTIALS },
      { endpoint: emulator.url },
    );
    await audit.record({
      action: 'connect',
      outcome: 'ok',
      detail: `${session.identity.arn} (${JSON.stringify(session)})`,
    });
    const listing = await listJobs(session, ['eu-west-1'], { now: emulator.now() });
    await audit.record({ action: 'list-jobs', outcome: 'ok', detail: `${listing.jobs.length} jobs` });
    const job = listing.jobs.find((j) => j.readyToUnlock)!;
    await markReceived(session, job);

    const manifest = await downloadManifest(session, job, usb!, { now: () => emulator.now() });
    await audit.record({
      action: 'download-manifest',
      outcome: 'ok',
      jobId: job.jobId,
      path: manifest.path,
      sha256: manifest.sha256,
    });
    await settings.updateJob(job.jobId, { manifestFolder: usb!, codeFolder: laptop! });

    const handle = await fetchUnlockCode(session, job, vault);
    const code = vault.reveal(handle.id);
    await audit.record({
      action: 'fetch-unlock-code',
      outcome: 'ok',
      jobId: job.jobId,
      detail: `handle ${handle.id}`,
    });
    await vault.copy(handle.id);
    const chosen = path.join(laptop!, 'unlock-code.txt');
    await vault.save(handle.id, { path: chosen, manifestPath: manifest.path, acceptWarnings: true });
    // Even a careless caller that puts the code into free text does not get it into the audit log.
    await audit.record({
      action: 'save-unlock-code',
      outcome: 'ok',
      jobId: job.jobId,
      path: chosen,
      detail: `saved ${code}`,
    });
    session.close();

    const secrets = {
      'unlock code': code,
      'secret key': DEMO_SESSION_CREDENTIALS.secretAccessKey,
      'session token': DEMO_SESSION_CREDENTIALS.sessionToken,
      'access key id': DEMO_SESSION_CREDENTIALS.accessKeyId,
    };
    const files = walkFiles(root);
    expect(files.length).toBeGreaterThanOrEqual(4);
    const findings: string[] = [];
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const [what, secret] of Object.entries(secrets)) {
        if (text.includes(secret) && !(file === chosen && what === 'unlock code'))
          findings.push(`${what} in ${file}`);
      }
    }
    expect(findings).toEqual([]);
    expect(readFileSync(chosen, 'utf8')).toBe(`${code}\n`);
  });
});
