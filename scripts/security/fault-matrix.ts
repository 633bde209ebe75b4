/**
 * Gate 3: the fault matrix. Each row of fault-rows.ts runs against a fresh emulator through core's own
 * functions (the AWS SDK over real HTTP, real files), and is judged on what the person sees (the error
 * code and its message, or a success) and on what is left on disk: no partial file, no file changed that
 * was there before. The matrix is printed whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_CREDENTIALS, DEMO_SESSION_CREDENTIALS, start } from '../../emulator';
import { connect, type AwsSession, type ClientOptions } from '../../electron/core/session';
import { ROWS, type Destination, type Outcome, type Row, type RowContext } from './fault-rows';
import { table, verdict, type GateResult } from './gate';

const CODE_SHAPE = /[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}/;
const KEEP = 'keep.txt';

interface Judged {
  row: Row;
  outcome: Outcome | null;
  skipped: string | null;
  partial: string[];
  overwritten: string[];
  problems: string[];
}

export async function faultMatrixGate(): Promise<GateResult> {
  const emulator = await start({ seed: 'fault-matrix' });
  const workDir = mkdtempSync(path.join(tmpdir(), 'companion-faults-'));
  const open: AwsSession[] = [];
  const connectWith = async (options: ClientOptions = {}) => {
    const session = await connect(
      { kind: 'session-keys', ...DEMO_CREDENTIALS },
      { endpoint: emulator.url, homeRegion: 'us-east-1', ...options },
    );
    open.push(session);
    return session;
  };
  try {
    const session = await connectWith();
    const jobs = {
      delivered: required(emulator.demo.jobs.warehouse3, 'warehouse3'),
      inTransit: required(emulator.demo.jobs.genomicsLab, 'genomicsLab'),
      expired: emulator.demo.expiredJobId,
    };
    const judged: Judged[] = [];
    for (const row of ROWS) {
      judged.push(await runRow(row, { emulator, session, connect: connectWith, jobs, workDir }));
    }
    return report(judged);
  } finally {
    for (const session of open) session.close();
    await emulator.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function runRow(row: Row, env: Omit<RowContext, 'folder'> & { workDir: string }): Promise<Judged> {
  env.emulator.clearFaults();
  env.emulator.resetRequests();
  const judged: Judged = { row, outcome: null, skipped: null, partial: [], overwritten: [], problems: [] };
  const own = row.destination?.();
  if (own && 'skip' in own) return { ...judged, skipped: own.skip };
  const destination: Destination = own ?? freshFolder(env.workDir);
  const ctx: RowContext = { ...env, folder: destination.path };
  try {
    const before = new Set(readdirSync(ctx.folder));
    const kept = [...(own ? [] : [path.join(ctx.folder, KEEP)]), ...(row.prepare?.(ctx) ?? [])];
    const digests = new Map(kept.map((file) => [file, digest(file)]));
    for (const file of kept) before.add(path.basename(file));

    judged.outcome = await row.run(ctx);

    const expectedFile = judged.outcome.code === 'ok' ? row.expect.saved?.(ctx) : undefined;
    judged.partial = readdirSync(ctx.folder).filter((name) => !before.has(name) && name !== expectedFile);
    judged.overwritten = kept.filter((file) => !existsSync(file) || digest(file) !== digests.get(file));
    judged.problems = judge(row, ctx, judged.outcome, expectedFile);
  } finally {
    destination.cleanup();
  }
  return judged;
}

function judge(row: Row, ctx: RowContext, outcome: Outcome, expectedFile: string | undefined): string[] {
  const problems: string[] = [];
  if (outcome.code !== row.expect.code) problems.push(`expected ${row.expect.code}, got ${outcome.code}`);
  if (row.expect.message && !row.expect.message.test(outcome.message))
    problems.push(`message does not match ${String(row.expect.message)}`);
  if (expectedFile && !existsSync(path.join(ctx.folder, expectedFile)))
    problems.push(`${expectedFile} was not saved`);
  const secrets = [DEMO_CREDENTIALS.secretAccessKey, DEMO_SESSION_CREDENTIALS.sessionToken];
  if (secrets.some((s) => outcome.message.includes(s)) || CODE_SHAPE.test(outcome.message))
    problems.push('the message holds a secret');
  const extra = row.check?.(ctx);
  if (extra) problems.push(extra);
  return problems;
}

function report(judged: Judged[]): GateResult {
  const rows = judged.map((j, i) => {
    const got = j.skipped ? 'skipped' : (j.outcome?.code ?? '?');
    const ok = j.skipped ? 'SKIP' : j.problems.length + j.partial.length + j.overwritten.length === 0;
    return [
      String(i + 1),
      j.row.fault,
      j.row.madeBy,
      j.row.expect.code,
      got,
      String(j.partial.length),
      String(j.overwritten.length),
      j.row.ui ?? '',
      ok === true ? 'ok' : ok === false ? 'FAIL' : ok,
    ];
  });
  const lines = table(
    ['#', 'fault', 'made by', 'expected', 'got', 'partial', 'overwritten', 'shown in', 'result'],
    rows,
  );
  const details = [lines[0] ?? '', lines[1] ?? ''];
  judged.forEach((j, i) => {
    details.push(lines[i + 2] ?? '');
    const said = j.skipped ?? j.outcome?.message;
    if (said) details.push(`     “${said.length > 150 ? `${said.slice(0, 150)}…` : said}”`);
    for (const p of [
      ...j.problems,
      ...j.partial.map((f) => `partial file ${f}`),
      ...j.overwritten.map((f) => `changed ${f}`),
    ])
      details.push(`     ✗ ${p}`);
  });
  const ran = judged.filter((j) => !j.skipped);
  const failed = ran.filter((j) => j.problems.length + j.partial.length + j.overwritten.length > 0);
  const partial = ran.reduce((n, j) => n + j.partial.length, 0);
  const overwritten = ran.reduce((n, j) => n + j.overwritten.length, 0);
  const recovered = ran.filter((j) => j.row.expect.code === 'ok').length;
  const skipped = judged.length - ran.length;
  const summary =
    `${judged.length} rows, ${ran.length - failed.length} as expected (${recovered} recovered, ` +
    `${ran.length - recovered} refused with their message), ${failed.length} failed` +
    (skipped > 0 ? `, ${skipped} skipped here` : '') +
    `; ${partial} partial files, ${overwritten} overwritten files`;
  return verdict(failed.length === 0, summary, details);
}

function freshFolder(workDir: string): Destination {
  const folder = mkdtempSync(path.join(workDir, 'row-'));
  writeFileSync(path.join(folder, KEEP), 'was here before', { mode: 0o600 });
  return { path: folder, cleanup: () => undefined };
}

function digest(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return 'missing';
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the emulator has no demo job ${what}`);
  return value;
}
