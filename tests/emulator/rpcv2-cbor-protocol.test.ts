/**
 * Smithy's own RPC v2 CBOR protocol tests, the cases that apply to a server, run against the emulator's
 * protocol code (routing, request decoding, response and error encoding) with Smithy's test service.
 * The cases and the test service's shapes are data: protocol-tests/rpcv2-cbor.json, which names its origin.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../emulator/errors';
import type { RpcV2Service } from '../../emulator/protocols/rpcv2-cbor';
import {
  cborError,
  cborSuccess,
  decodeCbor,
  decodeCborInput,
  rpcV2Operation,
} from '../../emulator/protocols/rpcv2-cbor';
import type { ServiceModel, Shape } from '../../emulator/schema/model';

interface Case {
  id: string;
  kind: 'request' | 'response';
  source: string;
  operation?: string;
  error?: string;
  namespace: string;
  method?: string;
  uri?: string;
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  body?: string;
  params?: Record<string, unknown>;
  code?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(path.join(here, 'protocol-tests/rpcv2-cbor.json'), 'utf8')) as {
  services: Record<string, string>;
  model: ServiceModel;
  cases: Case[];
  clientOnly: { id: string }[];
};

/** Why a server-applicable case cannot apply to this service. */
const NOT_FOR_THIS_SERVICE: Record<string, string> = {
  QueryCompatibleRpcV2CborCustomCodeError:
    'x-amzn-query-error is sent by @awsQueryCompatible services only; the Snowball model is not query-compatible',
};

function serviceFor(c: Case): RpcV2Service {
  const name =
    data.services[`${c.namespace}:${c.operation ?? ''}`] ??
    data.services[c.namespace] ??
    (c.namespace.startsWith('aws.') ? 'QueryCompatibleRpcV2Protocol' : 'RpcV2Protocol');
  return { name, namespace: c.namespace, model: data.model };
}

function shape(name: string): Shape {
  const s = data.model.shapes[name];
  if (!s) throw new Error(`no shape ${name}`);
  return s;
}

/** Smithy's params notation (blobs as text, timestamps as epoch seconds, "NaN") as decoded values. */
function typed(shapeName: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const s = shape(shapeName);
  switch (s.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const ref = s.members?.[k];
        if (ref) out[k] = typed(ref.shape, v);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((v) => typed(s.member?.shape ?? '', v));
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typed(s.value?.shape ?? '', v)]),
      );
    case 'blob':
      return Buffer.from(value as string, 'utf8');
    case 'timestamp':
      return new Date((value as number) * 1000);
    case 'float':
    case 'double':
      return typeof value === 'string' ? Number(value) : value;
    default:
      return value;
  }
}

/** A comparable form: bytes, dates, NaN, bigint and undefined members made plain. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { epochMs: value.getTime() };
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

const base = { 'x-amzn-RequestId': 'protocol-test', Date: new Date(0).toUTCString() };

function runRequest(c: Case): void {
  const service = serviceFor(c);
  const headers = lowerKeys(c.headers ?? {});
  const body = Buffer.from(c.body ?? '', 'base64');
  if (c.requireHeaders?.some((h) => h.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(body.length);
  }
  expect(c.method).toBe('POST');
  const operation = rpcV2Operation(service, c.uri ?? '', headers);
  expect(operation).toBe(c.operation);
  const input = decodeCborInput(service, operation ?? '', body);
  const inputShape = data.model.operations[operation ?? '']?.input?.shape;
  const expected = inputShape ? typed(inputShape, c.params ?? {}) : {};
  expect(plain(input)).toEqual(plain(expected));
}

function checkHeaders(c: Case, headers: Record<string, string>): void {
  const got = lowerKeys(headers);
  for (const [name, value] of Object.entries(lowerKeys(c.headers ?? {}))) expect(got[name], name).toBe(value);
  for (const name of c.forbidHeaders ?? []) expect(got[name.toLowerCase()], name).toBeUndefined();
}

function checkBody(c: Case, body: Buffer): void {
  const expected = Buffer.from(c.body ?? '', 'base64');
  if (expected.length === 0) {
    expect(body.length).toBe(0);
    return;
  }
  // bodyMediaType application/cbor: compared as data, not bytes (definite or indefinite, widths).
  expect(plain(decodeCbor(body))).toEqual(plain(decodeCbor(expected)));
}

function runResponse(c: Case): void {
  const service = serviceFor(c);
  if (c.operation) {
    const outputShape = data.model.operations[c.operation]?.output?.shape;
    const output = outputShape ? (typed(outputShape, c.params ?? {}) as Record<string, unknown>) : {};
    const reply = cborSuccess(service, c.operation, output, base);
    expect(reply.status).toBe(c.code);
    checkHeaders(c, reply.headers);
    checkBody(c, reply.body as Buffer);
    return;
  }
  const errorName = c.error ?? '';
  const members = typed(errorName, c.params ?? {}) as Record<string, unknown>;
  const reply = cborError(service, new ApiError(errorName, undefined, c.code, 'modeled', members), base);
  expect(reply.status).toBe(c.code);
  checkHeaders(c, reply.headers);
  checkBody(c, reply.body as Buffer);
}

describe('Smithy rpcv2Cbor protocol tests (server side)', () => {
  it('translated every case of the Smithy models, client-only ones listed apart', () => {
    expect(data.cases.length + data.clientOnly.length).toBe(92);
    expect(data.cases.every((c) => (c as { appliesTo?: string }).appliesTo !== 'client')).toBe(true);
  });

  for (const c of data.cases) {
    const name = `${c.kind} ${c.id} (${path.basename(c.source)})`;
    const reason = NOT_FOR_THIS_SERVICE[c.id];
    if (reason) {
      it.skip(`${name}: ${reason}`, () => undefined);
      continue;
    }
    it(name, () => (c.kind === 'request' ? runRequest(c) : runResponse(c)));
  }
});
