/**
 * Unlocking a demo job's simulated device through the channels of the real composition (download the
 * manifest, fetch the code, run the simulated client) and waiting for the run's end.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventWireName, SIMULATED_CLIENT_PATH } from '../../electron/contract';
import type { InProcessDemoAccount } from '../../electron/core/demo-account';
import type { ClientLauncher } from '../../electron/core/client/launcher';
import type { RunningSite } from '../../electron/core/client/simulated-program';
import { composeChannels, type ChannelClient } from './channels';

/**
 * The real composition with the demo account and a simulated site of the test's own; events into `sent`.
 * `launcher`: the test's own (to keep a probe of a real address on loopback, say).
 */
export function composeDemoSite(
  site: { root: string; dataDir: string; demo: InProcessDemoAccount; sent: [string, unknown][] },
  simulatedSite: () => Promise<RunningSite>,
  launcher?: ClientLauncher,
): Promise<ChannelClient> {
  return composeChannels({
    home: site.root,
    dataDir: site.dataDir,
    demo: site.demo,
    env: { PATH: '/nonexistent', HOME: site.root },
    send: (wire, payload) => site.sent.push([wire, payload]),
    simulatedSite,
    ...(launcher ? { launcher } : {}),
  });
}

export interface DemoStatus {
  state: string;
  simulated: boolean;
  devices: { host: string; state: string }[];
  message: string | null;
}

export async function unlockDemoJob(
  site: { call: ChannelClient['call']; sent: [string, unknown][]; demo: InProcessDemoAccount; root: string },
  jobKey: string,
  region: string,
  hosts: string[],
) {
  const { call, sent, demo, root } = site;
  const emulator = await demo.emulator();
  const jobId = emulator.demo.jobs[jobKey]!;
  const folder = path.join(root, `stick-${jobKey}`);
  mkdirSync(folder, { mode: 0o700 });
  const manifest = await call<{ path: string }>('downloadManifest', { jobId, region, folder });
  const handle = await call<{ id: string }>('fetchUnlockCode', { jobId, region });
  const { runId } = await call<{ runId: string }>('startUnlock', {
    handleId: handle.id,
    manifestPath: manifest.path,
    hosts,
    clientPath: SIMULATED_CLIENT_PATH,
  });
  const wire = eventWireName('unlockStatus');
  const statuses = () =>
    sent
      .filter(([w, p]) => w === wire && (p as { runId: string }).runId === runId)
      .map(([, p]) => p as DemoStatus);
  await until(() => statuses().some((st) => ['UNLOCKED', 'failed', 'timed-out'].includes(st.state)), 30_000);
  return {
    statuses: statuses(),
    jobId,
    code: (await emulator.jobSecrets(jobId)).unlockCode,
    handleId: handle.id,
    manifestPath: manifest.path,
  };
}

export async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
