/**
 * The receiving flow: find every delivered (WithCustomer) job in every Snowball region and download one
 * manifest, through core's own code (connect, listJobs, downloadManifest) against the emulator with
 * latency and scale. Compared, in the same run, with the round-trip floor, a naive client written with
 * the same SDK, and (where installed) the AWS CLI; then the same for a small account (one page a region).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, SNOWBALL_REGIONS } from '../emulator';
import { defaultRegions } from '../electron/core/regions';
import { connect, type AwsSession } from '../electron/core/session';
import { awsCliVersion, cliReceive } from './aws-cli';
import { coreReceive } from './core-flow';
import { startEmulatorProcess, type EmulatorFlags, type EmulatorProcess } from './emulator-process';
import { roundTripFloor, type Floor } from './floor';
import { naiveReceive } from './naive-client';
import { metric, type BenchResult, type Metric } from './result';
import { since, summarise } from './stats';

export interface FlowOptions {
  runs: number;
  cliRuns: number;
  latencyMs: number;
  jobsPerRegion: number;
  pageSize: number;
}

const GOAL_RATIO = 1.25;

interface Run {
  wallMs: number;
  /** This process's CPU time during the run: the SDK's and core's own cost, latency aside. */
  cpuMs: number;
  requests: number;
}

interface Scenario {
  emulator: EmulatorProcess;
  regions: string[];
  floor: Floor;
  totalJobs: number;
}

async function connectDemo(emulator: EmulatorProcess): Promise<AwsSession> {
  return connect(
    { kind: 'session-keys', ...DEMO_CREDENTIALS },
    { endpoint: emulator.url, homeRegion: 'us-east-1' },
  );
}

async function timed(emulator: EmulatorProcess, work: (folder: string) => Promise<unknown>): Promise<Run> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'companion-bench-flow-'));
  try {
    await emulator.resetRequests();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work(folder);
    const wallMs = since(start);
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000, requests: (await emulator.requests()).length };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Core's flow on a fresh session (connecting is timed apart: the window does it on the Connect page). */
async function coreRun(
  scenario: Scenario,
  pageSize: number,
  early: boolean,
): Promise<Run & { connectMs: number }> {
  const start = performance.now();
  const session = await connectDemo(scenario.emulator);
  const connectMs = since(start);
  try {
    const run = await timed(scenario.emulator, (folder) =>
      coreReceive(session, scenario.regions, folder, pageSize, early),
    );
    return { ...run, connectMs };
  } finally {
    session.close();
  }
}

function naiveRun(scenario: Scenario): Promise<Run> {
  return timed(scenario.emulator, (folder) => naiveReceive(scenario.emulator.url, scenario.regions, folder));
}

async function withScenario<T>(
  flags: EmulatorFlags,
  options: FlowOptions,
  work: (scenario: Scenario) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulatorProcess(flags);
  try {
    const demo = await emulator.demo();
    const regions = defaultRegions();
    const floor = roundTripFloor(demo.jobCounts, regions, options.pageSize, options.latencyMs);
    const totalJobs = Object.values(demo.jobCounts).reduce((a, b) => a + b, 0);
    return await work({ emulator, regions, floor, totalJobs });
  } finally {
    await emulator.stop();
  }
}

const walls = (runs: Run[]) => runs.map((r) => r.wallMs);
const requests = (runs: Run[]) => runs.map((r) => r.requests);
const toFloor = (runs: Run[], floor: Floor) => runs.map((r) => r.wallMs / floor.floorMs);
const paired = (runs: Run[], others: Run[]) =>
  runs.map((r, i) => r.wallMs / (others[i]?.wallMs ?? Number.NaN));

/** The main scenario: scale, with the first-page variant, the naive client and the AWS CLI. */
async function atScale(scenario: Scenario, options: FlowOptions, log: (line: string) => void) {
  const { floor } = scenario;
  const sequential: Run[] = [];
  const early: Run[] = [];
  const naive: Run[] = [];
  const connects: number[] = [];
  // One untimed round first (run -1): JIT, lazy SDK modules.
  for (let run = -1; run < options.runs; run++) {
    const seq = await coreRun(scenario, options.pageSize, false);
    const first = await coreRun(scenario, options.pageSize, true);
    const simple = await naiveRun(scenario);
    if (run < 0) continue;
    sequential.push(seq);
    early.push(first);
    naive.push(simple);
    connects.push(seq.connectMs);
    log(
      `  flow run ${run + 1}/${options.runs}: core ${Math.round(seq.wallMs)} ms, naive ${Math.round(simple.wallMs)} ms`,
    );
  }
  const metrics: Metric[] = [
    metric('round-trip floor', 'ms', [floor.floorMs]),
    metric('core: list, then download', 'ms', walls(sequential)),
    metric('  ratio to floor', '×', toFloor(sequential, floor), {
      atMost: GOAL_RATIO,
      text: `≤ ${GOAL_RATIO}× floor`,
    }),
    metric('  requests', 'requests', requests(sequential)),
    metric(
      '  client CPU',
      'ms',
      sequential.map((r) => r.cpuMs),
    ),
    metric('core: download from the first page', 'ms', walls(early)),
    metric('  ratio to floor', '×', toFloor(early, floor)),
    metric('naive SDK client', 'ms', walls(naive)),
    metric('  requests', 'requests', requests(naive)),
    metric('  core ÷ naive', '×', paired(sequential, naive)),
    metric('connect (sts:GetCallerIdentity), not in the flow', 'ms', connects),
  ];
  const notes: string[] = [];

  const cli = await awsCliVersion();
  if (!cli) {
    notes.push('AWS CLI: not on PATH, skipped.');
    log('  AWS CLI not found on PATH: skipping the CLI comparison');
  } else {
    const cliRuns: Run[] = [];
    for (let run = 0; run < options.cliRuns; run++) {
      cliRuns.push(
        await timed(scenario.emulator, (folder) =>
          cliReceive(scenario.emulator.url, scenario.regions, folder),
        ),
      );
      log(`  flow CLI run ${run + 1}/${options.cliRuns}: ${Math.round(cliRuns.at(-1)?.wallMs ?? 0)} ms`);
    }
    const coreMedian = summarise(walls(sequential)).median;
    metrics.push(
      metric(`${cli} (shell loop, every region)`, 'ms', walls(cliRuns)),
      metric('  requests', 'requests', requests(cliRuns)),
      metric(
        '  core ÷ AWS CLI',
        '×',
        cliRuns.map((r) => coreMedian / r.wallMs),
      ),
    );
  }
  return { metrics, notes, cli };
}

/** A small account: the demo jobs alone, one page in every region. Here round trips are all there is. */
async function smallAccount(scenario: Scenario, options: FlowOptions): Promise<Metric[]> {
  const core: Run[] = [];
  const naive: Run[] = [];
  for (let run = -1; run < options.runs; run++) {
    const seq = await coreRun(scenario, options.pageSize, false);
    const simple = await naiveRun(scenario);
    if (run < 0) continue;
    core.push(seq);
    naive.push(simple);
  }
  return [
    metric(`small account (${scenario.totalJobs} jobs): floor`, 'ms', [scenario.floor.floorMs]),
    metric('  core: list, then download', 'ms', walls(core)),
    metric('  ratio to floor', '×', toFloor(core, scenario.floor)),
    metric('  naive SDK client', 'ms', walls(naive)),
    metric('  core ÷ naive', '×', paired(core, naive)),
  ];
}

export async function benchFlow(options: FlowOptions, log: (line: string) => void): Promise<BenchResult> {
  const scale: EmulatorFlags = {
    latencyMs: options.latencyMs,
    jobsPerRegion: options.jobsPerRegion,
    regions: SNOWBALL_REGIONS,
  };
  const main = await withScenario(scale, options, async (scenario) => ({
    scenario: { floor: scenario.floor, totalJobs: scenario.totalJobs, regions: scenario.regions.length },
    ...(await atScale(scenario, options, log)),
  }));
  const small = await withScenario({ latencyMs: options.latencyMs }, options, (scenario) =>
    smallAccount(scenario, options),
  );
  const { floor, totalJobs, regions } = main.scenario;
  return {
    id: 'flow',
    title: `Receiving flow (${regions} regions, ${totalJobs} jobs, ${options.latencyMs} ms latency, MaxResults ${options.pageSize})`,
    params: {
      regions,
      jobsPerRegion: options.jobsPerRegion,
      totalJobs,
      latencyMs: options.latencyMs,
      pageSize: options.pageSize,
      floorMs: floor.floorMs,
      slowestRegionPages: floor.pages,
      minimumRequests: floor.minimumRequests,
      ...(main.cli ? { awsCli: main.cli } : {}),
    },
    metrics: [...main.metrics, ...small],
    notes: [
      `Floor: ${floor.pages} pages of the slowest region (the shared US view) + GetJobManifest + download = ${floor.pages + 2} × ${options.latencyMs} ms; at least ${floor.minimumRequests} requests.`,
      'Timed from a connected session to the manifest on disk; the emulator runs in its own process.',
      'The first-page variant starts the download from listJobs’ onPage, so it overlaps the listing and can beat the floor.',
      'Small account: the demo jobs alone, one page in every region.',
      ...main.notes,
    ],
  };
}
