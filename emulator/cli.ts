import { parseArgs } from 'node:util';
import type { StartOptions } from './index';
import { DEFAULT_SEED, DEMO_CREDENTIALS, start } from './index';
import { parseFaultSpec } from './faults';
import { parseRegionList } from './regions';

const USAGE = `Usage: npm run emulator -- [options]
       tsx emulator/cli.ts [options]

A local AWS Snowball service (AWS JSON 1.1 and Smithy RPC v2 CBOR), STS GetCallerIdentity and presigned
manifest downloads, for the demo account. Prints "listening on http://HOST:PORT" and "admin secret: S"
(the admin routes' x-emulator-admin-secret for this launch), then serves until stopped.

Options:
  --port N               port to listen on (0 = any free port; default 0)
  --host ADDR            address to bind (default 127.0.0.1)
  --seed S               demo data seed (default "${DEFAULT_SEED}")
  --jobs-per-region N    extra generated jobs in each region of --regions (default 0)
  --regions a,b,c        regions for generated jobs; "snowball" = 17 Snowball regions
                         (default us-east-1,us-west-2,eu-west-1,ap-southeast-2)
  --latency MS           delay every API and download request by MS milliseconds
  --manifest-bytes N     size of each manifest file (default 49152)
  --page-size N          page size when a List call gives no MaxResults (1..100, default 100)
  --body-timeout S       give up on a request body that sends nothing for S seconds (default 20)
  --fault SPEC           arm a fault; repeatable. SPEC = OPERATION[@REGION]:KIND[:COUNT[:ARG]]
                         KIND: throttle | 500 | 503 | reset | slow | truncate | expire | expired-token
                         e.g. GetJobManifest:throttle:3, ManifestDownload:truncate:1,
                              ListJobs@eu-west-1:503:*, ManifestDownload:slow:1:3000
  --quiet                do not log one line per request to stderr
  -h, --help             show this help

Demo access key: ${DEMO_CREDENTIALS.accessKeyId} (secret and session credentials: docs/EMULATOR.md).
Admin routes (loopback only, with the admin secret): GET /__admin for the list.`;

class UsageError extends Error {}

function intFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return Number(value);
}

function parseOptions(argv: string[]): { options: StartOptions; quiet: boolean } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'jobs-per-region': { type: 'string' },
        regions: { type: 'string' },
        latency: { type: 'string' },
        'manifest-bytes': { type: 'string' },
        'page-size': { type: 'string' },
        'body-timeout': { type: 'string' },
        fault: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const options: StartOptions = {};
  const port = intFlag(v.port, 'port');
  if (port !== undefined) {
    if (port > 65535) throw new UsageError('--port must be 0..65535');
    options.port = port;
  }
  if (v.host) options.host = v.host;
  if (v.seed !== undefined) options.seed = v.seed;
  const jobs = intFlag(v['jobs-per-region'], 'jobs-per-region');
  if (jobs !== undefined) options.jobsPerRegion = jobs;
  if (v.regions !== undefined) {
    try {
      options.regions = parseRegionList(v.regions);
    } catch (err) {
      throw new UsageError(`--regions: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (options.regions.length === 0) throw new UsageError('--regions needs at least one region');
  }
  const latency = intFlag(v.latency, 'latency');
  if (latency !== undefined) options.latencyMs = latency;
  const manifestBytes = intFlag(v['manifest-bytes'], 'manifest-bytes');
  if (manifestBytes !== undefined) options.manifestBytes = manifestBytes;
  const pageSize = intFlag(v['page-size'], 'page-size');
  if (pageSize !== undefined) {
    if (pageSize < 1 || pageSize > 100) throw new UsageError('--page-size must be 1..100');
    options.defaultPageSize = pageSize;
  }
  const bodyTimeout = intFlag(v['body-timeout'], 'body-timeout');
  if (bodyTimeout !== undefined) {
    if (bodyTimeout < 1) throw new UsageError('--body-timeout must be at least 1 second');
    options.bodyTimeoutMs = bodyTimeout * 1000;
  }
  if (v.fault) {
    options.faults = v.fault.map((spec) => {
      try {
        return parseFaultSpec(spec);
      } catch (err) {
        throw new UsageError(`--fault: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  return { options, quiet: v.quiet ?? false };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`emulator: ${err.message}\nRun with --help for usage.\n`);
      process.exit(2);
    }
    throw err;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options, quiet } = parsed;
  if (!quiet) options.log = (line) => process.stderr.write(`${line}\n`);
  let emulator;
  try {
    emulator = await start(options);
  } catch (err) {
    process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof Error && /unknown|must be/.test(err.message) ? 2 : 1);
  }
  // Standard output goes to whoever started the emulator; the admin secret is theirs, never in argv.
  process.stdout.write(`listening on ${emulator.url}\nadmin secret: ${emulator.adminSecret}\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    if (!quiet) process.stderr.write(`${signal}: stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
