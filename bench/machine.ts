/** The machine a run happened on: figures mean little without it. */
import os from 'node:os';

export interface Machine {
  cpuCount: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  release: string;
  arch: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuCount: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpuCount} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform} ${m.release} ${m.arch}`;
}
