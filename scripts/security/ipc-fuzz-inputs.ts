/**
 * Malformed inputs for every contract channel, written from what each field means (not read back from
 * the zod schemas, which are what is under test). Every channel has a valid example; a malformed input is
 * that example with exactly one thing broken, so each rejection is owed to that one thing:
 *
 *   - a field of the wrong type (numbers, objects, arrays, deep nesting, cycles, Dates, Maps, bigints)
 *   - a string field too long for any field of the contract (over 4096 characters, up to 1 MiB)
 *   - an identifier (job, cluster, region, handle, run, sign-in, account, host, profile) with a character it never has:
 *     control characters, path separators, shell metacharacters, look-alike Unicode
 *   - path traversal: relative paths, `..` segments, `file://`, `~`, drive-relative, NUL or another
 *     control character (a line break) in a path
 *   - a host that starts with "-" (it would be read as a flag of the Snowball client)
 *   - an unknown key, among them the prototype-pollution keys (`__proto__` as an own key, as JSON.parse
 *     makes it), a required key missing, or an input that is not a plain object at all
 *
 * `json: true` keeps to what a JSON body can carry (the loopback host's transport).
 */
import fc from 'fast-check';
import type { ChannelName } from '../../electron/contract';

type Kind =
  | 'jobId'
  | 'clusterId'
  | 'region'
  | 'regions'
  | 'regionChoice'
  | 'path'
  | 'handle'
  | 'runId'
  | 'signInId'
  | 'accountId'
  | 'bool'
  | 'true'
  | 'host'
  | 'hosts'
  | 'deviceIps'
  | 'profile'
  | 'title'
  | 'code'
  | 'url'
  | 'source'
  | 'location'
  | 'sha256';

interface Field {
  kind: Kind;
  optional?: boolean;
  nullable?: boolean;
}

export interface ChannelSpec {
  /** An input the channel accepts: the fuzz's starting point, and the call that must work afterwards. */
  valid: Record<string, unknown>;
  fields: Record<string, Field>;
}

const JOB = 'JID27627492-8989-2d42-755e-c8699ffbc05b';
const CLUSTER = 'CIDcfb8fb9f-a6e3-1d4a-c084-d956374778f8';
const HANDLE = '0b5f3c3e-5f0a-4d53-9a53-6f7f6f2b1c11';
const RUN = '6f1d2c3b-4a59-4e7f-8a9b-0c1d2e3f4a5b';
const SIGN_IN = '2b7e4c1d-9f3a-4e5b-8c6d-1a2b3c4d5e6f';
const ACCOUNT = '111122223333';
const MANIFEST = `/media/usb/${JOB}_manifest.bin`;
const CODE_FILE = '/home/site/unlock-code.txt';
const CLIENT = '/opt/snowball/bin/snowballEdge';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const jobRef = {
  valid: { jobId: JOB, region: 'us-east-1' },
  fields: { jobId: f('jobId'), region: f('region') },
};
const handleOnly = { valid: { handleId: HANDLE }, fields: { handleId: f('handle') } };
const pathOnly = (p: string) => ({ valid: { path: p }, fields: { path: f('path') } });
const picker = {
  valid: { title: 'Choose a folder', defaultPath: '/home/site' },
  fields: { title: f('title'), defaultPath: f('path', { optional: true }) },
};
const noInput: ChannelSpec = { valid: {}, fields: {} };
const ACCESS = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const CERTIFICATE = '/home/site/snowball-device.pem';
const accessOnly = { valid: { accessId: ACCESS }, fields: { accessId: f('handle') } };

export const CHANNEL_SPECS = {
  getAppInfo: noInput,
  listCredentialSources: noInput,
  connect: {
    valid: { source: { kind: 'demo' }, homeRegion: 'us-east-1' },
    fields: { source: f('source'), homeRegion: f('region', { optional: true }) },
  },
  disconnect: noInput,
  startSsoSignIn: { valid: { profile: 'site-sso' }, fields: { profile: f('profile') } },
  cancelSsoSignIn: { valid: { signInId: SIGN_IN }, fields: { signInId: f('signInId') } },
  listSsoAccounts: { valid: { profile: 'site-sso' }, fields: { profile: f('profile') } },
  listSsoRoles: {
    valid: { profile: 'site-sso', accountId: ACCOUNT },
    fields: { profile: f('profile'), accountId: f('accountId') },
  },
  getConnection: noInput,
  listRegions: noInput,
  listJobs: { valid: { regions: ['us-east-1', 'eu-west-1'] }, fields: { regions: f('regions') } },
  describeJob: jobRef,
  describeCluster: {
    valid: { clusterId: CLUSTER, region: 'us-west-2' },
    fields: { clusterId: f('clusterId'), region: f('region') },
  },
  downloadManifest: {
    valid: { jobId: JOB, region: 'us-east-1', folder: '/media/usb', overwrite: false },
    fields: {
      jobId: f('jobId'),
      region: f('region'),
      folder: f('path'),
      overwrite: f('bool', { optional: true }),
    },
  },
  fetchUnlockCode: jobRef,
  revealUnlockCode: handleOnly,
  copyUnlockCode: {
    valid: { handleId: HANDLE, jobId: JOB, inPage: false },
    fields: { handleId: f('handle'), jobId: f('jobId'), inPage: f('bool', { optional: true }) },
  },
  forgetUnlockCode: handleOnly,
  checkSeparation: {
    valid: { manifestPath: MANIFEST, location: { kind: 'file', path: CODE_FILE } },
    fields: { manifestPath: f('path'), location: f('location') },
  },
  saveUnlockCode: {
    valid: { handleId: HANDLE, jobId: JOB, path: CODE_FILE, acceptWarnings: true, overwrite: false },
    fields: {
      handleId: f('handle'),
      jobId: f('jobId'),
      path: f('path'),
      acceptWarnings: f('bool'),
      overwrite: f('bool', { optional: true }),
    },
  },
  markReceived: jobRef,
  getReturnLabel: {
    valid: { jobId: JOB, region: 'us-east-1', folder: null },
    fields: { jobId: f('jobId'), region: f('region'), folder: f('path', { nullable: true }) },
  },
  getSoftwareUpdates: jobRef,
  chooseFolder: picker,
  chooseFile: picker,
  openExternal: { valid: { url: 'https://docs.aws.amazon.com/snowball/' }, fields: { url: f('url') } },
  getSettings: noInput,
  rememberRegions: {
    valid: { regions: ['us-west-2', 'eu-west-1'] },
    fields: { regions: f('regionChoice') },
  },
  rememberJob: {
    valid: { jobId: JOB, deviceIps: ['192.0.2.10'], manifestFolder: '/media/usb', codeFolder: '/home/site' },
    fields: {
      jobId: f('jobId'),
      deviceIps: f('deviceIps', { optional: true }),
      manifestFolder: f('path', { optional: true }),
      codeFolder: f('path', { optional: true }),
    },
  },
  listAuditEntries: noInput,
  holdUnlockCode: {
    valid: { code: 'abcde-fghij-klmno-pqrst-uvwxy', jobId: null },
    fields: { code: f('code'), jobId: f('jobId', { nullable: true }) },
  },
  readUnlockCodeFile: {
    valid: { path: CODE_FILE, jobId: JOB },
    fields: { path: f('path'), jobId: f('jobId', { nullable: true }) },
  },
  findSnowballClient: noInput,
  chooseSnowballClient: pathOnly(CLIENT),
  confirmSnowballClient: {
    valid: { path: CLIENT, sha256: SHA256 },
    fields: { path: f('path'), sha256: f('sha256') },
  },
  probeDevice: { valid: { host: '192.0.2.10' }, fields: { host: f('host') } },
  startUnlock: {
    valid: {
      handleId: HANDLE,
      manifestPath: MANIFEST,
      hosts: ['192.0.2.10'],
      clientPath: CLIENT,
      allowCodeInArguments: false,
    },
    fields: {
      handleId: f('handle'),
      manifestPath: f('path'),
      hosts: f('hosts'),
      clientPath: f('path'),
      allowCodeInArguments: f('bool', { optional: true }),
    },
  },
  cancelUnlock: { valid: { runId: RUN }, fields: { runId: f('runId') } },
  exportAuditLog: {
    valid: { path: '/home/site/audit-export.jsonl', overwrite: false },
    fields: { path: f('path'), overwrite: f('bool', { optional: true }) },
  },
  configureSnowballClient: {
    valid: {
      handleId: HANDLE,
      manifestPath: MANIFEST,
      host: '192.0.2.10',
      clientPath: CLIENT,
      profile: 'snowball-companion',
      acceptPlaintext: true,
    },
    fields: {
      handleId: f('handle'),
      manifestPath: f('path'),
      host: f('host'),
      clientPath: f('path'),
      profile: f('profile'),
      acceptPlaintext: f('true'),
    },
  },
  readDeviceAccess: {
    valid: { handleId: HANDLE, manifestPath: MANIFEST, hosts: ['192.0.2.10'], clientPath: CLIENT },
    fields: { handleId: f('handle'), manifestPath: f('path'), hosts: f('hosts'), clientPath: f('path') },
  },
  revealDeviceSecretKey: accessOnly,
  saveDeviceCertificate: {
    valid: { accessId: ACCESS, path: CERTIFICATE, overwrite: false },
    fields: { accessId: f('handle'), path: f('path'), overwrite: f('bool', { optional: true }) },
  },
  previewAwsProfile: {
    valid: { accessId: ACCESS, profile: 'snowball-27627492', certificatePath: CERTIFICATE },
    fields: { accessId: f('handle'), profile: f('profile'), certificatePath: f('path') },
  },
  writeAwsProfile: {
    valid: {
      accessId: ACCESS,
      profile: 'snowball-27627492',
      certificatePath: CERTIFICATE,
      replace: false,
      consent: true,
    },
    fields: {
      accessId: f('handle'),
      profile: f('profile'),
      certificatePath: f('path'),
      replace: f('bool'),
      consent: f('true'),
    },
  },
  checkDeviceS3: {
    valid: { accessId: ACCESS, certificatePath: CERTIFICATE, profile: 'snowball-27627492' },
    fields: {
      accessId: f('handle'),
      certificatePath: f('path', { optional: true }),
      profile: f('profile', { optional: true }),
    },
  },
  forgetDeviceAccess: accessOnly,
} satisfies Record<ChannelName, ChannelSpec>;

function f(kind: Kind, flags: Omit<Field, 'kind'> = {}): Field {
  return { kind, ...flags };
}

export interface Options {
  /** Only what survives JSON (the loopback host's body): no Dates, Maps, bigints, cycles or undefined. */
  json: boolean;
}

/** One malformed input for the channel, and what was broken (for the report of a failure). */
export interface Malformed {
  input: unknown;
  what: string;
}

export function malformedInput(spec: ChannelSpec, options: Options): fc.Arbitrary<Malformed> {
  const names = Object.keys(spec.fields);
  const whole = fc.oneof(
    notAnObject(spec, options).map((input) => ({ input, what: 'not a plain object' })),
    unknownKey(spec),
  );
  if (names.length === 0) return whole;
  const required = names.filter((n) => !spec.fields[n]?.optional);
  const arbitraries = [whole, fc.constantFrom(...names).chain((name) => brokenField(spec, name, options))];
  if (required.length > 0) {
    arbitraries.push(
      fc.constantFrom(...required).map((name) => {
        const { [name]: _dropped, ...rest } = spec.valid;
        return { input: rest, what: `${name} missing` };
      }),
    );
  }
  return fc.oneof(...arbitraries);
}

function brokenField(spec: ChannelSpec, name: string, options: Options): fc.Arbitrary<Malformed> {
  const field = spec.fields[name];
  if (!field) throw new Error(`no field ${name}`);
  return fc
    .oneof(
      { weight: 3, arbitrary: badValue(field, spec.valid[name]) },
      { weight: 1, arbitrary: wrongType(field, options) },
    )
    .map((value) => ({
      input: { ...spec.valid, [name]: value },
      what: `${name} = ${describe(value)}`,
    }));
}

// Values of the wrong type -------------------------------------------------------------------------------

function wrongType(field: Field, options: Options): fc.Arbitrary<unknown> {
  const isString = ![
    'bool',
    'true',
    'regions',
    'regionChoice',
    'hosts',
    'deviceIps',
    'source',
    'location',
  ].includes(field.kind);
  const isArray = ['regions', 'regionChoice', 'hosts', 'deviceIps'].includes(field.kind);
  const isBoolean = field.kind === 'bool' || field.kind === 'true';
  const choices: fc.Arbitrary<unknown>[] = [
    fc.integer(),
    isBoolean ? fc.constant('false') : fc.boolean(),
    deepNesting(),
    // Number values: no object of these can pass for a profile choice or a code location by chance.
    fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { minKeys: 1, maxKeys: 4 }),
  ];
  if (!isString) choices.push(fc.string({ maxLength: 16 }));
  if (!isArray) choices.push(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }));
  if (!field.nullable) choices.push(fc.constant(null));
  if (!options.json) {
    choices.push(
      fc.double(),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map([['kind', 'demo']])),
      fc.constant(new Set(['us-east-1'])),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      cyclic(),
    );
    if (!field.optional) choices.push(fc.constant(undefined));
  }
  return fc.oneof(...choices);
}

function deepNesting(): fc.Arbitrary<unknown> {
  // As deep as a sender can encode: structured clone and JSON.stringify overflow their stack near 2,000
  // levels of objects (a raw body of 100,000 nested arrays goes over HTTP separately).
  return fc.tuple(fc.integer({ min: 50, max: 1_200 }), fc.boolean()).map(([depth, arrays]) => {
    let value: unknown = 'x';
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });
}

function cyclic(): fc.Arbitrary<unknown> {
  return fc.constant(null).map(() => {
    const node: Record<string, unknown> = { kind: 'demo' };
    node.self = node;
    return node;
  });
}

// Strings and values that break a field's own rule -------------------------------------------------------

/** Characters no identifier of the contract has: controls, separators, metacharacters, look-alikes. */
const FOREIGN_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
  ' ',
  '/',
  '\\',
  ';',
  '$',
  '`',
  '"',
  "'",
  '<',
  '>',
  '|',
  '&',
  '*',
  '?',
  '%',
  '#',
  '!',
  '~',
  '(',
  ')',
  '{',
  '}',
  'é',
  '\uff0f',
  '\u2010',
];

const TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32\\config\\SAM',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '\\\\attacker\\share\\x',
];

/** Longer than any string of the contract allows (the longest, a path or a session token, is 4096). */
function hugeString(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(fc.integer({ min: 4097, max: 70_000 }), fc.constant(1 << 20)),
    )
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
}

/** The valid value with one foreign character put somewhere in it. */
function withForeignChar(valid: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...FOREIGN_CHARS), fc.integer({ min: 0, max: valid.length }))
    .map(([char, at]) => valid.slice(0, at) + char + valid.slice(at));
}

function identifier(valid: string, extra: fc.Arbitrary<string>[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    withForeignChar(valid),
    fc.constantFrom(...TRAVERSAL, `${valid}/../../x`, `${valid}\n`, ''),
    hugeString(),
    ...extra,
  );
}

/** Arguments the Snowball client would read as its own flags. */
const FLAG_LIKE = fc.constantFrom('-h', '--help', '--unlock-code', '--manifest-file=/tmp/x', '-rf');

function relativeOrBadPath(valid: string): fc.Arbitrary<string> {
  const segment = fc.constantFrom('..', '.', 'etc', '.aws', 'credentials', 'x y', '%2e%2e', '...');
  return fc.oneof(
    fc
      .tuple(fc.array(segment, { minLength: 1, maxLength: 8 }), fc.constantFrom('/', '\\'))
      .map(([segments, sep]) => segments.join(sep)),
    fc.constantFrom(
      'file:///etc/passwd',
      '~/.aws/credentials',
      'C:relative\\x',
      '\\single-backslash\\x',
      'media/usb',
      '',
    ),
    // NUL, or a line break or other control character (they shift the answers `configure` reads).
    fc
      .tuple(
        fc.integer({ min: 0, max: valid.length }),
        fc.constantFrom('\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085'),
      )
      .map(([at, control]) => `${valid.slice(0, at)}${control}${valid.slice(at)}`),
    hugeString().map((s) => `/${s}`),
  );
}

function badValue(field: Field, valid: unknown): fc.Arbitrary<unknown> {
  const text = typeof valid === 'string' ? valid : '';
  switch (field.kind) {
    case 'jobId':
      return identifier(JOB, [
        fc.constantFrom(JOB.toUpperCase(), JOB.replace('JID', 'XID'), JOB.slice(0, -1)),
      ]);
    case 'clusterId':
      return identifier(CLUSTER, [fc.constant(JOB)]);
    case 'region':
      return identifier('us-east-1', [fc.constantFrom('US-EAST-1', 'us-east', 'us-east-1a', '__proto__')]);
    case 'handle':
      return identifier(HANDLE, [fc.constantFrom(HANDLE.replace(/-/g, ''), `{${HANDLE}}`)]);
    case 'runId':
      return identifier(RUN, [fc.constantFrom('run-1', '__proto__', 'constructor')]);
    case 'signInId':
      return identifier(SIGN_IN, [fc.constantFrom('sign-in-1', SIGN_IN.toUpperCase().replace(/-/g, ''))]);
    case 'accountId':
      return identifier(ACCOUNT, [
        fc.constantFrom('11112222333', '1111222233334', 'abcdefghijkl', '-11122223333'),
      ]);
    case 'profile':
      return identifier('snowball-companion', [fc.constant('a'.repeat(129))]);
    case 'host':
      return identifier('192.0.2.10', [FLAG_LIKE, fc.constantFrom('192.0.2.10:9091/x', 'a'.repeat(254))]);
    case 'path':
      return relativeOrBadPath(text || '/home/site');
    case 'title':
      return fc.oneof(hugeString(), fc.constant('t'.repeat(201)));
    case 'code':
      return fc.oneof(hugeString(), fc.constantFrom('', 'x'.repeat(65)));
    case 'url':
      return fc.oneof(
        hugeString().map((s) => `https://docs.aws.amazon.com/${s}`),
        fc.constantFrom('not a url', '//docs.aws.amazon.com/x', 'docs.aws.amazon.com', 'https://', ''),
      );
    case 'bool':
      return fc.constantFrom('true', 'false', 0, 1, 'yes', '');
    case 'true':
      return fc.constantFrom(false, 'true', 1, 'yes');
    case 'regions':
      return badArray(identifier('us-east-1'), 'us-east-1', { min: 1, max: 32 });
    case 'regionChoice':
      return badArray(identifier('us-east-1'), 'us-east-1', { min: 0, max: 32 });
    case 'hosts':
      return badArray(identifier('192.0.2.10', [FLAG_LIKE]), '192.0.2.10', { min: 1, max: 16 });
    case 'deviceIps':
      return badArray(identifier('192.0.2.10', [FLAG_LIKE]), '192.0.2.10', { min: 0, max: 16 });
    case 'source':
      return badSource();
    case 'location':
      return badLocation();
    case 'sha256':
      return identifier(SHA256, [fc.constantFrom(SHA256.toUpperCase(), SHA256.slice(1), `${SHA256}0`)]);
  }
}

/** An empty array where one entry is needed, too many entries, or one bad entry among good ones. */
function badArray(
  badItem: fc.Arbitrary<string>,
  good: string,
  bounds: { min: number; max: number },
): fc.Arbitrary<unknown[]> {
  const choices: fc.Arbitrary<unknown[]>[] = [
    fc.integer({ min: bounds.max + 1, max: bounds.max + 200 }).map((n) => Array<string>(n).fill(good)),
    fc
      .tuple(badItem, fc.integer({ min: 0, max: 3 }))
      .map(([bad, at]) => [good, good, good].toSpliced(at, 0, bad)),
    fc
      .tuple(fc.integer(), fc.integer({ min: 0, max: 2 }))
      .map(([n, at]) => ([good, good] as unknown[]).toSpliced(at, 0, n)),
  ];
  if (bounds.min > 0) choices.push(fc.constant([]));
  return fc.oneof(...choices);
}

const ACCESS_KEY = 'ASIAEXAMPLEEXAMPLE01';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00';

function badSource(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      { kind: 'nope' },
      { kind: 'profile' },
      { kind: 'profile', profile: '../../.aws/credentials' },
      { kind: 'profile', profile: 'default', region: 'us-east-1' },
      { kind: 'session-keys', accessKeyId: 'AKIA', secretAccessKey: SECRET },
      { kind: 'session-keys', accessKeyId: ACCESS_KEY, secretAccessKey: 'short' },
      {
        kind: 'session-keys',
        accessKeyId: ACCESS_KEY,
        secretAccessKey: SECRET,
        sessionToken: 'not a token!',
      },
      { kind: 'session-keys', accessKeyId: ACCESS_KEY, secretAccessKey: `${SECRET}\n` },
      { kind: 'demo', endpoint: 'http://169.254.169.254/' },
      { kind: 'profile', profile: 'site-sso', ssoRole: { accountId: '1234', roleName: 'SnowballOperator' } },
      { kind: 'profile', profile: 'site-sso', ssoRole: { accountId: ACCOUNT } },
      { kind: 'profile', profile: 'site-sso', ssoRole: { accountId: ACCOUNT, roleName: 'a/b' } },
      { kind: 'profile', profile: 'site-sso', ssoRole: { accountId: ACCOUNT, roleName: 'r'.repeat(65) } },
      { kind: 'profile', profile: 'site-sso', ssoRole: { accountId: ACCOUNT, roleName: 'R', startUrl: 'x' } },
      { kind: 'demo', ssoRole: { accountId: ACCOUNT, roleName: 'SnowballOperator' } },
      { kind: 'default-chain', profile: 'default' },
      { kind: '__proto__' },
      {},
    ),
    withPollutionKey({ kind: 'demo' }),
    fc.string({ maxLength: 16 }).map((kind) => ({ kind: `${kind}!` })),
  );
}

function badLocation(): fc.Arbitrary<unknown> {
  return fc.oneof(
    relativeOrBadPath(CODE_FILE).map((path) => ({ kind: 'file', path })),
    fc.constantFrom(
      { kind: 'file' },
      { kind: 'off-disk', how: 'email' },
      { kind: 'off-disk', how: 'clipboard', path: CODE_FILE },
      { kind: 'file', path: CODE_FILE, how: 'paper' },
      { kind: 'usb' },
      {},
    ),
  );
}

// The whole input ----------------------------------------------------------------------------------------

/** Keys that pollute prototypes or confuse a reader of the object, and a few that are merely unknown. */
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__lookupGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'then',
  '../x',
  '\u0000',
  '',
  'a'.repeat(10_000),
];

function withPollutionKey(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    fc.constant({ polluted: true }),
    fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
    fc.string({ maxLength: 8 }),
    fc.constant({ toString: 'polluted' }),
  );
  return fc
    .tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ minLength: 1, maxLength: 12 })), value)
    .map(([key, v]) => {
      const input: Record<string, unknown> = { ...base };
      // defineProperty makes even "__proto__" an own key, as JSON.parse and structured clone do.
      Object.defineProperty(input, key in base ? `${key}_` : key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return input;
    });
}

function unknownKey(spec: ChannelSpec): fc.Arbitrary<Malformed> {
  return withPollutionKey(spec.valid).map((input) => ({
    input,
    what: `unknown key ${describe(Object.keys(input as object).find((k) => !(k in spec.valid)))}`,
  }));
}

function notAnObject(spec: ChannelSpec, options: Options): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [
    fc.string({ maxLength: 32 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant([spec.valid]),
    fc.constant(JSON.stringify(spec.valid)),
    deepNesting(),
  ];
  if (!options.json) {
    choices.push(
      fc.constant(undefined),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map(Object.entries(spec.valid))),
      fc.constant(new Set()),
      fc.constant(new Uint8Array(0)),
      fc.constant(/x/),
      fc.constant(new Error('x')),
    );
  }
  return fc.oneof(...choices);
}

/** A short description of a value, for the report (never the whole of a huge one). */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return value.length > 40 ? `${shown} (${value.length} chars)` : shown;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Map) return 'a Map';
  if (value instanceof Set) return 'a Set';
  if (value instanceof Date) return 'a Date';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return `an object with keys ${Object.keys(value)
    .slice(0, 3)
    .map((k) => JSON.stringify(k.slice(0, 12)))
    .join(', ')}`;
}
