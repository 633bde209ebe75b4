/**
 * The demo account's simulated site as the launcher sees it: the simulated client (emulator/device) as a
 * ClientProgram whose commands behave like a process — output on stdout and stderr, an exit code, a kill
 * — so the same runs, private profiles, line redaction, parsing and following serve the demo as a real
 * device; and the simulated devices' listeners as the places their connection check and S3 check go.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { runSimulatedClient, SIMULATED_VERSION } from '../../../emulator/device/simulated-client';
import {
  SIMULATED_CLUSTER,
  SIMULATED_DEVICE,
  SimulatedDevices,
  startManagementListener,
  type SiteTiming,
} from '../../../emulator/device/simulated-site';
import type { ClientProgram, StartedClient } from './client-process';
import type { SimulatedSite } from './launcher';

export interface RunningSite extends SimulatedSite {
  stop(): Promise<void>;
}

export async function startSimulatedSite(timing?: SiteTiming): Promise<RunningSite> {
  const devices = new SimulatedDevices(timing);
  const listener = await startManagementListener();
  return {
    addresses: { device: SIMULATED_DEVICE, cluster: SIMULATED_CLUSTER },
    version: SIMULATED_VERSION.replace(/\s+/g, ' '),
    program: simulatedProgram(devices),
    pollIntervalMs: 1_500,
    expectedMs: devices.expectedMs(SIMULATED_CLUSTER.length),
    probeTarget: (host) => (devices.has(host) ? { host: '127.0.0.1', port: listener.port } : null),
    connectVia: (host, port) => devices.connectVia(host, port),
    stop: async () => {
      await Promise.all([listener.stop(), devices.stop()]);
    },
  };
}

function simulatedProgram(devices: SimulatedDevices): ClientProgram {
  return {
    start(args, options) {
      const events = new EventEmitter();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let finished = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (finished) return;
        finished = true;
        stdout.end();
        stderr.end();
        events.emit('exit', code, signal);
        setImmediate(() => events.emit('close', code, signal));
      };
      setImmediate(() => {
        runSimulatedClient(
          args,
          {
            env: options.env,
            out: (line) => void (!finished && stdout.write(`${line}\n`)),
            err: (line) => void (!finished && stderr.write(`${line}\n`)),
          },
          devices,
        ).then(
          (code) => finish(code, null),
          (error: unknown) => {
            if (!finished) stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
            finish(1, null);
          },
        );
      });
      const child: StartedClient = {
        stdout,
        stderr,
        stdin: null,
        once: (event: string, listener: (...args: never[]) => void) =>
          events.once(event, listener as (...args: unknown[]) => void),
        killTree: async () => finish(null, 'SIGTERM'),
      };
      return child;
    },
  };
}
