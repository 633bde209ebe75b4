/**
 * Malformed inputs for every contract channel, derived from the contract itself: each channel's input
 * schema (as JSON Schema, `z.toJSONSchema`) gives a valid example and the malformed inputs, so a channel
 * added to the contract is fuzzed without an edit here. A malformed input is the valid example with
 * exactly one thing broken, so each rejection is owed to that one thing:
 *
 *   - a field of the wrong type (numbers, objects, arrays, deep nesting, cycles, Dates, Maps, bigints)
 *   - a value outside what the field declares: longer than its maximum (up to 1 MiB), shorter than its
 *     minimum, outside its pattern (control characters, path separators, shell metacharacters, look-alike
 *     Unicode put into the example), another member than its enum or constant, too many or too few items,
 *     one bad item among good ones. A value that happens to fit the declaration is not used.
 *   - what the field's kind must refuse, whatever its declaration says (never filtered): a local path that
 *     is relative, traverses (`..`), is a `file://` URL, `~` or drive-relative, or holds a NUL or another
 *     control character; an argument of the Snowball client that starts with "-" (it would be read as a
 *     flag). The contract names these kinds in its building blocks' `meta`.
 *   - an unknown key, among them the prototype-pollution keys (`__proto__` as an own key, as JSON.parse
 *     makes it), a required key missing, or an input that is not a plain object at all
 *
 * `json: true` keeps to what a JSON body can carry (the loopback host's transport).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../electron/contract';

/** The part of JSON Schema the contract's inputs use, and the kind the contract's `meta` adds. */
interface Node {
  type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer' | 'null';
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  oneOf?: Node[];
  examples?: unknown[];
  kind?: 'local-path' | 'client-argument';
}

export interface ChannelSpec {
  /** An input the channel accepts: the fuzz's starting point, and the call that must work afterwards. */
  valid: Record<string, unknown>;
  schema: Node;
}

/** The spec of one input schema: its JSON Schema and a valid example, which the schema must accept. */
export function specOf(input: z.ZodType, name = 'this input'): ChannelSpec {
  const schema = z.toJSONSchema(input, { io: 'input' }) as Node;
  const valid = exampleOf(schema) as Record<string, unknown>;
  const parsed = input.safeParse(valid);
  if (!parsed.success) {
    throw new Error(
      `ipc-fuzz: no valid example of ${name} could be derived (${parsed.error.issues
        .map((i) => i.path.join('.'))
        .join(', ')}): give its building block an example (meta({ examples })) in electron/contract.ts.`,
    );
  }
  return { valid, schema };
}

// Valid examples -----------------------------------------------------------------------------------------

const UUID = '0b5f3c3e-5f0a-4d53-9a53-6f7f6f2b1c11';
const URL_EXAMPLE = 'https://docs.aws.amazon.com/snowball/';

/** The options of a union, without `null` (a nullable field's example is its value, not null). */
const unionOf = (node: Node): Node[] => (node.anyOf ?? node.oneOf ?? [node]).filter((o) => o.type !== 'null');
const isUnion = (node: Node) => Boolean(node.anyOf ?? node.oneOf);

function exampleOf(node: Node): unknown {
  if (node.examples?.length) return node.examples[0];
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  if (isUnion(node)) return exampleOf(unionOf(node)[0] ?? { type: 'null' });
  switch (node.type) {
    case 'object':
      // Every property, the optional ones too: each gets broken in turn.
      return Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
    case 'array':
      return Array.from({ length: Math.max(1, node.minItems ?? 0) }, () => exampleOf(node.items ?? {}));
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return 1;
    case 'string':
      return stringExample(node);
    default:
      return null;
  }
}

function stringExample(node: Node): string {
  if (node.format === 'uuid') return UUID;
  if (node.format === 'uri') return URL_EXAMPLE;
  if (node.pattern) {
    const pattern = new RegExp(node.pattern);
    const found = fc
      .sample(fc.stringMatching(pattern), { numRuns: 200, seed: 1 })
      .find((s) => withinLength(node, s));
    if (found !== undefined) return found;
  }
  return 'x'.repeat(Math.max(1, node.minLength ?? 0));
}

// What a field declares ------------------------------------------------------------------------------------

function withinLength(node: Node, value: string): boolean {
  return value.length >= (node.minLength ?? 0) && value.length <= (node.maxLength ?? Infinity);
}

/** Whether a value fits a string, enum or constant declaration (uri: any absolute URL does). */
function fitsString(node: Node, value: unknown): boolean {
  if (node.const !== undefined) return value === node.const;
  if (node.enum) return node.enum.includes(value);
  if (typeof value !== 'string' || !withinLength(node, value)) return false;
  if (node.pattern && !new RegExp(node.pattern).test(value)) return false;
  if (node.format === 'uri') return URL.canParse(value);
  return true;
}

/** Whether some option of the field takes a value of this JSON type. */
function takes(node: Node, type: 'string' | 'boolean' | 'array' | 'object' | 'null'): boolean {
  return (node.anyOf ?? node.oneOf ?? [node]).some((o) => o.type === type);
}

// Malformed inputs ---------------------------------------------------------------------------------------

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
  const whole = fc.oneof(
    notAnObject(spec.valid, options).map((input) => ({ input, what: 'not a plain object' })),
    unknownKey(spec.valid, ''),
  );
  if (Object.keys(spec.schema.properties ?? {}).length === 0) return whole;
  return fc.oneof(
    { weight: 1, arbitrary: whole },
    { weight: 2, arbitrary: brokenObject(spec.schema, spec.valid, '', options) },
  );
}

/** One field of the object broken (its value, its type, or missing). */
function brokenObject(
  node: Node,
  valid: Record<string, unknown>,
  at: string,
  options: Options,
): fc.Arbitrary<Malformed> {
  const properties = node.properties ?? {};
  const names = Object.keys(properties);
  const required = node.required ?? [];
  const field = fc.constantFrom(...names).chain((name) => {
    const child = properties[name] as Node;
    const path = at ? `${at}.${name}` : name;
    return brokenValue(child, valid[name], path, options).map(({ input, what }) => ({
      input: { ...valid, [name]: input },
      what,
    }));
  });
  if (required.length === 0) return field;
  const missing = fc.constantFrom(...required).map((name) => {
    const { [name]: _dropped, ...rest } = valid;
    return { input: rest, what: `${at ? `${at}.` : ''}${name} missing` };
  });
  return fc.oneof({ weight: 3, arbitrary: field }, { weight: 1, arbitrary: missing });
}

/** A field's value broken: outside its declaration, against its kind, or of another type. */
function brokenValue(node: Node, valid: unknown, at: string, options: Options): fc.Arbitrary<Malformed> {
  const bad = badValue(node, valid, at, options);
  const wrong = wrongType(node, options).map((value) => ({
    input: value,
    what: `${at} = ${describe(value)}`,
  }));
  return bad ? fc.oneof({ weight: 3, arbitrary: bad }, { weight: 1, arbitrary: wrong }) : wrong;
}

function badValue(node: Node, valid: unknown, at: string, options: Options): fc.Arbitrary<Malformed> | null {
  const said = (value: unknown): Malformed => ({ input: value, what: `${at} = ${describe(value)}` });
  const choices = unionOf(node);
  // A union of objects (a discriminated union): one of them, broken inside or given an unknown key.
  if (choices.length > 1 && choices.every((o) => o.type === 'object')) {
    return fc.constantFrom(...choices).chain((option) => {
      const example = exampleOf(option) as Record<string, unknown>;
      return fc.oneof(
        brokenObject(option, example, at, options),
        unknownKey(example, at),
        fc.constant(said({})),
      );
    });
  }
  const target = choices[0] ?? {};
  switch (target.type) {
    case 'object': {
      const example = (valid ?? exampleOf(target)) as Record<string, unknown>;
      return fc.oneof(brokenObject(target, example, at, options), unknownKey(example, at));
    }
    case 'array':
      return badArray(target, at, options);
    case 'string': {
      const text = typeof valid === 'string' ? valid : stringExample(target);
      const arbitraries = [outsideDeclaration(target, text, choices), againstKind(target, text)].filter(
        (a): a is fc.Arbitrary<unknown> => a !== null,
      );
      return arbitraries.length > 0 ? fc.oneof(...arbitraries).map(said) : null;
    }
    case 'boolean':
      return target.const === undefined ? null : fc.constantFrom(!target.const, 'true', 1, 'yes').map(said);
    default:
      return null;
  }
}

/**
 * Values a string's declaration refuses: every candidate is checked against it (and against the field's
 * other options, in a union), and one that fits is dropped.
 */
function outsideDeclaration(node: Node, valid: string, union: Node[]): fc.Arbitrary<unknown> | null {
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (node.maxLength !== undefined) {
    candidates.push(hugeString(node.maxLength + 1), fc.constant(valid.padEnd(node.maxLength + 1, 'x')));
  }
  if ((node.minLength ?? 0) > 0) candidates.push(fc.constant(''));
  if (node.pattern || node.format) {
    candidates.push(
      withForeignChar(valid),
      fc.constantFrom(
        ...TRAVERSAL,
        `${valid}/../../x`,
        `${valid}\n`,
        '',
        valid.toUpperCase(),
        valid.slice(1),
      ),
    );
  }
  if (node.format === 'uuid') candidates.push(fc.constantFrom(valid.replace(/-/g, ''), `{${valid}}`));
  if (node.format === 'uri') {
    candidates.push(
      fc.constantFrom('not a url', '//docs.aws.amazon.com/x', 'docs.aws.amazon.com', 'https://'),
    );
  }
  if (node.enum || node.const !== undefined) {
    const member = String(node.const ?? node.enum?.[0] ?? '');
    candidates.push(fc.constantFrom(`${member}!`, member.toUpperCase(), '', 'email', '__proto__'));
  }
  if (candidates.length === 0) return null;
  return fc.oneof(...candidates).filter((value) => !union.some((option) => fitsString(option, value)));
}

/** What a field of this kind must refuse, whatever its declaration (these are never filtered). */
function againstKind(node: Node, valid: string): fc.Arbitrary<unknown> | null {
  if (node.kind === 'local-path') return relativeOrBadPath(valid);
  if (node.kind === 'client-argument') {
    return fc.oneof(
      FLAG_LIKE,
      fc.constant(`-${valid}`),
      fc
        .tuple(fc.integer({ min: 0, max: valid.length }), fc.constantFrom('\u0000', '\n', '\r', '\u001b'))
        .map(([at, control]) => `${valid.slice(0, at)}${control}${valid.slice(at)}`),
    );
  }
  return null;
}

/** An empty array where one entry is needed, too many entries, or one bad entry among good ones. */
function badArray(node: Node, at: string, options: Options): fc.Arbitrary<Malformed> {
  const item = node.items ?? {};
  const good = exampleOf(item);
  const max = node.maxItems ?? 1_000;
  const said = (value: unknown[], what: string): Malformed => ({ input: value, what: `${at} = ${what}` });
  const choices: fc.Arbitrary<Malformed>[] = [
    fc
      .integer({ min: max + 1, max: max + 200 })
      .map((n) => said(Array<unknown>(n).fill(good), `an array of ${n}`)),
    fc
      .tuple(brokenValue(item, good, `${at}[]`, options), fc.integer({ min: 0, max: 3 }))
      .map(([bad, index]) => ({
        input: [good, good, good].toSpliced(index, 0, bad.input),
        what: bad.what,
      })),
  ];
  if ((node.minItems ?? 0) > 0) choices.push(fc.constant(said([], 'an empty array')));
  return fc.oneof(...choices);
}

// Values of the wrong type -------------------------------------------------------------------------------

function wrongType(node: Node, options: Options): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [
    fc.integer(),
    takes(node, 'boolean') ? fc.constant('false') : fc.boolean(),
    deepNesting(),
    // Number values: no object of these can pass for a profile choice or a code location by chance.
    fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { minKeys: 1, maxKeys: 4 }),
  ];
  if (!takes(node, 'string')) choices.push(fc.string({ maxLength: 16 }));
  if (!takes(node, 'array')) choices.push(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }));
  if (!takes(node, 'null')) choices.push(fc.constant(null));
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

// Strings that break a field's rule ----------------------------------------------------------------------

/** Characters outside every identifier of the contract: controls, separators, metacharacters, look-alikes. */
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

/** Longer than `min` characters (and up to 1 MiB). */
function hugeString(min: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(fc.integer({ min, max: Math.max(min, 70_000) }), fc.constant(Math.max(min, 1 << 20))),
    )
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
}

/** The valid value with one foreign character put somewhere in it. */
function withForeignChar(valid: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...FOREIGN_CHARS), fc.integer({ min: 0, max: valid.length }))
    .map(([char, at]) => valid.slice(0, at) + char + valid.slice(at));
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
    hugeString(4097).map((s) => `/${s}`),
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

function withPollutionKey(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
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

function unknownKey(valid: Record<string, unknown>, at: string): fc.Arbitrary<Malformed> {
  return withPollutionKey(valid).map((input) => ({
    input,
    what: `unknown key ${at ? `in ${at} ` : ''}${describe(Object.keys(input).find((k) => !(k in valid)))}`,
  }));
}

function notAnObject(valid: Record<string, unknown>, options: Options): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [
    fc.string({ maxLength: 32 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant([valid]),
    fc.constant(JSON.stringify(valid)),
    deepNesting(),
  ];
  if (!options.json) {
    choices.push(
      fc.constant(undefined),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
      fc.constant(new Map(Object.entries(valid))),
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

/**
 * Every channel's schema and valid example; a channel whose example the contract refuses stops the gate.
 * Built last: it uses everything above.
 */
export const CHANNEL_SPECS = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, specOf(channels[name].input, `${name}'s input`)]),
) as Record<ChannelName, ChannelSpec>;
