/**
 * Gate 2: property-based fuzzing of every contract channel through the real registration and validation
 * (electron/app/ipc-registry.ts), with handlers that only record that they were reached. In-process, each
 * input first goes through structured clone, as Electron's IPC delivers it; a sample also goes over HTTP
 * through the loopback host. Every malformed input must come back as VALIDATION (or be refused by the
 * host's transport: bad JSON, too large), reach no handler, throw nothing and pollute no prototype; then a
 * valid call on every channel must still reach its handler.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { CHANNEL_NAMES, wireName, type ChannelName, type Result } from '../../electron/contract';
import { startLoopbackHost, type LoopbackHost } from '../../electron/host/loopback-server';
import { registerChannels, type Handlers, type RawHandler } from '../../electron/app/ipc-registry';
import { IPC_PATH_PREFIX, SESSION_HEADER } from '../../electron/loopback-wire';
import { openSession } from '../../testkit/loopback-session';
import { APP_INFO } from '../../testkit/app-info';
import { tally, verdict, type GateResult } from './gate';
import { CHANNEL_SPECS, describe, malformedInput, type Malformed } from './ipc-fuzz-inputs';

const ORIGIN = 'app://companion';
const IN_PROCESS_INPUTS = 10_000;
const HTTP_INPUTS_PER_CHANNEL = 20;
/** Longer than this, an error message is echoing what it was given. */
const MAX_MESSAGE = 1_000;

interface Tally {
  inputs: number;
  outcomes: string[];
  failures: string[];
}

export async function ipcFuzzGate(): Promise<GateResult> {
  const seed = Number(process.env.COMPANION_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const recorder = recordingHandlers();
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(`uncaught: ${String(error)}`);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const workDir = mkdtempSync(path.join(tmpdir(), 'companion-fuzz-'));
  let host: LoopbackHost | undefined;
  try {
    const routes = new Map<string, RawHandler>();
    registerChannels({ handle: (wire, fn) => routes.set(wire, fn) }, recorder.handlers, {
      trustedOrigin: ORIGIN,
    });
    const inProcess = await fuzzInProcess(routes, recorder, seed);

    host = await startLoopbackHost({
      rendererDir: path.join(workDir, 'renderer'),
      preloadFile: path.join(workDir, 'preload.js'),
      handlers: () => recorder.handlers,
    });
    const page = { host, session: await openSession(host) };
    const overHttp = await fuzzOverHttp(page, recorder, seed);

    // Still answering: a valid call on every channel reaches its handler, in-process and over HTTP.
    const answered = await validCallsAnswer(routes, page, recorder);
    const total = inProcess.inputs + overHttp.inputs;
    const failures = [...inProcess.failures, ...overHttp.failures, ...answered.failures, ...crashes];
    const threw = inProcess.outcomes.filter((o) => o === 'threw').length;
    const rejected = [...inProcess.outcomes, ...overHttp.outcomes].filter(
      (o) => o !== 'accepted' && o !== 'threw',
    ).length;
    const summary =
      `${total} malformed inputs over ${CHANNEL_NAMES.length} channels (${inProcess.inputs} in-process through ` +
      `registerChannels, ${overHttp.inputs} over the loopback host), ${rejected} rejected ` +
      `(${tally([...inProcess.outcomes, ...overHttp.outcomes])}), ${recorder.malformedReached()} reached a handler, ` +
      `${crashes.length + threw} crashes; afterwards a valid call answered on ${answered.channels}/${CHANNEL_NAMES.length} ` +
      `channels (seed ${seed}: COMPANION_FUZZ_SEED=${seed} repeats this run)`;
    return verdict(failures.length === 0, summary, grouped(failures));
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await host?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Failures grouped by channel and what was broken, with a count and the first example of each. */
function grouped(failures: string[]): string[] {
  const groups = new Map<string, { count: number; first: string }>();
  for (const failure of failures) {
    const key = failure.replace(/ = .*?\): /, ' = …): ').replace(/\(unknown key .*?\)/, '(unknown key …)');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, first: failure });
  }
  return [...groups.values()].map((g) => (g.count > 1 ? `${g.count}× like: ${g.first}` : g.first));
}

/** Handlers whose bodies only count that they ran; getAppInfo answers so a valid call can succeed. */
function recordingHandlers() {
  const reached = new Map<ChannelName, number>();
  let expected = 0;
  const handlers = Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      async () => {
        reached.set(name, (reached.get(name) ?? 0) + 1);
        if (name === 'getAppInfo') return APP_INFO;
        throw new Error('the handler body was reached');
      },
    ]),
  ) as unknown as Handlers;
  const total = () => [...reached.values()].reduce((a, b) => a + b, 0);
  return {
    handlers,
    total,
    count: (name: ChannelName) => reached.get(name) ?? 0,
    /** Marks calls that were meant to reach a handler (the valid ones), so they are not counted as leaks. */
    expect: () => expected++,
    malformedReached: () => total() - expected,
  };
}

type Recorder = ReturnType<typeof recordingHandlers>;

async function fuzzInProcess(routes: Map<string, RawHandler>, recorder: Recorder, seed: number) {
  const result: Tally = { inputs: 0, outcomes: [], failures: [] };
  const perChannel = Math.ceil(IN_PROCESS_INPUTS / CHANNEL_NAMES.length);
  for (const [index, name] of CHANNEL_NAMES.entries()) {
    const route = routes.get(wireName(name));
    if (!route) {
      result.failures.push(`${name}: not registered`);
      continue;
    }
    const samples = fc.sample(malformedInput(CHANNEL_SPECS[name], { json: false }), {
      numRuns: perChannel,
      seed: seed + index,
    });
    for (const sample of samples) {
      result.inputs++;
      const before = recorder.count(name);
      const prototypeBefore = prototypeState();
      let answer: Result<unknown>;
      try {
        // What Electron's IPC does to an argument on its way to main.
        answer = await route({ origin: ORIGIN, isMainFrame: true }, structuredClone(sample.input));
      } catch (error) {
        result.outcomes.push('threw');
        result.failures.push(`threw on ${name} (${sample.what}): ${String(error)}`);
        continue;
      }
      const problem = judge(answer, sample, recorder.count(name) - before, prototypeBefore);
      result.outcomes.push(problem ? 'accepted' : 'VALIDATION');
      if (problem) result.failures.push(`${name} (${sample.what}): ${problem}`);
    }
  }
  return result;
}

/** The loopback host as its page reaches it: the origin, and the session its ticket was exchanged for. */
interface Page {
  host: LoopbackHost;
  session: string;
}

async function fuzzOverHttp(page: Page, recorder: Recorder, seed: number) {
  const result: Tally = { inputs: 0, outcomes: [], failures: [] };
  for (const [index, name] of CHANNEL_NAMES.entries()) {
    const bodies: Malformed[] = fc.sample(malformedInput(CHANNEL_SPECS[name], { json: true }), {
      numRuns: HTTP_INPUTS_PER_CHANNEL,
      seed: seed + 1000 + index,
    });
    for (const sample of [...bodies, ...rawBodies(index)]) {
      result.inputs++;
      const before = recorder.count(name);
      const prototypeBefore = prototypeState();
      const raw = sample.what.startsWith('raw body');
      const res = await post(page, name, raw ? String(sample.input) : JSON.stringify(sample.input));
      if (res.status === 413 || res.status === 0) {
        // 0: the host closed the connection on a body it refused before it was all sent.
        result.outcomes.push('HTTP 413');
        if (recorder.count(name) !== before)
          result.failures.push(`${name} (${sample.what}): handler reached`);
        continue;
      }
      let answer: Result<unknown>;
      try {
        answer = JSON.parse(res.text) as Result<unknown>;
      } catch {
        result.outcomes.push('accepted');
        result.failures.push(`${name} (${sample.what}): HTTP ${res.status} without a JSON answer`);
        continue;
      }
      const problem = judge(answer, sample, recorder.count(name) - before, prototypeBefore);
      result.outcomes.push(problem ? 'accepted' : res.status === 400 ? 'HTTP 400 bad JSON' : 'VALIDATION');
      if (problem) result.failures.push(`${name} over HTTP (${sample.what}): ${problem}`);
    }
  }
  return result;
}

/**
 * node:http rather than fetch: the host answers 413 while a too-large body is still being sent, then
 * closes the connection; status 0 means it closed before answering. One connection per request, so a
 * closed one is never reused.
 */
function post(
  { host, session }: Page,
  name: ChannelName,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${host.origin}${IPC_PATH_PREFIX}${encodeURIComponent(wireName(name))}`,
      {
        method: 'POST',
        agent: false,
        headers: { origin: host.origin, [SESSION_HEADER]: session, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      const closed = error.code === 'EPIPE' || error.code === 'ECONNRESET';
      if (closed && Buffer.byteLength(body) > 1024 * 1024) resolve({ status: 0, text: '' });
      else reject(error);
    });
    req.end(body);
  });
}

/** Bodies no JSON encoder would write: broken text, a byte-order mark, one byte over the limit, deep nesting. */
function rawBodies(index: number): Malformed[] {
  const raw = (input: string, what: string): Malformed => ({ input, what: `raw body: ${what}` });
  const rotating = [
    raw('{not json', 'broken JSON'),
    raw('\ufeff{}', 'a byte-order mark'),
    raw('', 'empty'),
    raw(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, '100,000 nested arrays'),
    raw('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'pollution keys'),
    raw(' '.repeat(1024 * 1024 + 1), 'one byte over 1 MiB'),
  ];
  return [rotating[index % rotating.length] as Malformed];
}

/** Why an answer to a malformed input is wrong, or null when it is the refusal it should be. */
function judge(
  answer: Result<unknown>,
  sample: Malformed,
  handlerRuns: number,
  prototypeBefore: string,
): string | null {
  if (handlerRuns > 0) return 'the handler body was reached';
  if (prototypeState() !== prototypeBefore) return 'Object.prototype changed';
  if (answer.ok) return 'accepted';
  if (answer.error.code !== 'VALIDATION') return `answered ${answer.error.code}, not VALIDATION`;
  if (answer.error.retryable) return 'a validation error marked retryable';
  if (answer.error.message.length > MAX_MESSAGE)
    return `a ${answer.error.message.length}-character message (it echoes the input: ${describe(answer.error.message)})`;
  const echoed = stringValues(sample.input).find((v) => answer.error.message.includes(v));
  if (echoed) return `the message repeats a value of the input (${describe(echoed)})`;
  return null;
}

/** String values of the input long enough to be recognised in a message (a value may be a secret). */
function stringValues(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.length >= 12 ? [value] : [];
  if (depth > 3 || typeof value !== 'object' || value === null) return [];
  return Object.values(value)
    .slice(0, 20)
    .flatMap((v) => stringValues(v, depth + 1));
}

function prototypeState(): string {
  const polluted = (Object.prototype as Record<string, unknown>).polluted;
  return `${Object.getOwnPropertyNames(Object.prototype).join(',')}|${String(polluted)}`;
}

async function validCallsAnswer(routes: Map<string, RawHandler>, page: Page, recorder: Recorder) {
  const failures: string[] = [];
  let channels = 0;
  for (const name of CHANNEL_NAMES) {
    const before = recorder.count(name);
    recorder.expect();
    const route = routes.get(wireName(name));
    const answer = await route?.(
      { origin: ORIGIN, isMainFrame: true },
      structuredClone(CHANNEL_SPECS[name].valid),
    );
    const reached = recorder.count(name) === before + 1;
    if (reached && answer && (answer.ok || answer.error.code === 'INTERNAL')) channels++;
    else failures.push(`${name}: a valid input did not reach its handler (${JSON.stringify(answer)})`);
  }
  recorder.expect();
  const answer = JSON.parse((await post(page, 'getAppInfo', '{}')).text) as Result<unknown>;
  if (!answer.ok) failures.push(`getAppInfo over HTTP after the fuzz: ${JSON.stringify(answer)}`);
  return { channels, failures };
}
