import { createCipheriv, createHash, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * The emulator's manifest file. A real manifest is an encrypted blob the device decrypts with the unlock
 * code; this one binds the code the same way a device could check it, so a fake Snowball client can tell
 * a wrong code from the right one without the emulator.
 *
 * Layout (all integers big-endian):
 *   0   4  magic "SBMF"
 *   4   1  format version (1)
 *   5   1  KDF id (1 = PBKDF2-HMAC-SHA256)
 *   6   2  header length H
 *   8   H  header: UTF-8 JSON {jobId, snowballType, region, createdAt, clusterId?, buckets?}
 *   …   4  KDF iterations
 *   …  16  salt
 *   …  32  verifier = PBKDF2-HMAC-SHA256(unlockCode, salt, iterations, 32)
 *   …   8  payload length P
 *   …   P  payload: opaque bytes (AES-256-CTR keystream), standing in for the encrypted device secrets
 */
export const MANIFEST_MAGIC = 'SBMF';
export const MANIFEST_VERSION = 1;
export const KDF_PBKDF2_SHA256 = 1;
export const DEFAULT_KDF_ITERATIONS = 20_000;
const SALT_BYTES = 16;
const VERIFIER_BYTES = 32;
const CHUNK_BYTES = 64 * 1024;

export interface ManifestHeader {
  jobId: string;
  snowballType: string;
  region: string;
  /** ISO 8601 creation time of the job. */
  createdAt: string;
  clusterId?: string;
  /** The job's S3 buckets, by name: the buckets its device holds. */
  buckets?: string[];
}

export interface ManifestSpec {
  header: ManifestHeader;
  unlockCode: string;
  /** 16 bytes. */
  salt: Uint8Array;
  /** 32 bytes: key of the payload keystream. */
  payloadKey: Uint8Array;
  /** Requested file size; the payload fills whatever the preamble leaves. */
  totalBytes: number;
  iterations?: number;
}

export interface DecodedManifest {
  version: number;
  header: ManifestHeader;
  iterations: number;
  salt: Buffer;
  verifier: Buffer;
  payloadLength: number;
  /** Bytes before the payload. */
  preambleLength: number;
}

export function deriveVerifier(unlockCode: string, salt: Uint8Array, iterations: number): Buffer {
  return pbkdf2Sync(unlockCode, salt, iterations, VERIFIER_BYTES, 'sha256');
}

/** Everything before the payload. `verifier` can be passed in when cached (PBKDF2 is deliberately slow). */
export function encodePreamble(spec: ManifestSpec, verifier?: Uint8Array): Buffer {
  if (spec.salt.length !== SALT_BYTES) throw new Error(`salt must be ${SALT_BYTES} bytes`);
  const iterations = spec.iterations ?? DEFAULT_KDF_ITERATIONS;
  const header = Buffer.from(JSON.stringify(spec.header), 'utf8');
  if (header.length > 0xffff) throw new Error('manifest header too long');
  const fixed = 8 + header.length + 4 + SALT_BYTES + VERIFIER_BYTES + 8;
  const payloadLength = Math.max(0, spec.totalBytes - fixed);
  const out = Buffer.alloc(fixed);
  let o = out.write(MANIFEST_MAGIC, 0, 'ascii');
  o = out.writeUInt8(MANIFEST_VERSION, o);
  o = out.writeUInt8(KDF_PBKDF2_SHA256, o);
  o = out.writeUInt16BE(header.length, o);
  o += header.copy(out, o);
  o = out.writeUInt32BE(iterations, o);
  o += Buffer.from(spec.salt).copy(out, o);
  o += Buffer.from(verifier ?? deriveVerifier(spec.unlockCode, spec.salt, iterations)).copy(out, o);
  out.writeBigUInt64BE(BigInt(payloadLength), o);
  return out;
}

/** Total size of the file `spec` describes (at least the preamble). */
export function manifestLength(preamble: Buffer): number {
  return preamble.length + Number(preamble.readBigUInt64BE(preamble.length - 8));
}

/** The payload in chunks of at most 64 KiB, generated on demand so a 50 MB manifest never sits in memory. */
export function* payloadChunks(payloadKey: Uint8Array, length: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-256-ctr', payloadKey, Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK_BYTES);
  let left = length;
  while (left > 0) {
    const n = Math.min(left, CHUNK_BYTES);
    yield cipher.update(n === CHUNK_BYTES ? zeros : zeros.subarray(0, n));
    left -= n;
  }
}

/** The whole manifest in one buffer: for tests and small sizes. */
export function encodeManifest(spec: ManifestSpec): Buffer {
  const preamble = encodePreamble(spec);
  const payloadLength = manifestLength(preamble) - preamble.length;
  return Buffer.concat([preamble, ...payloadChunks(spec.payloadKey, payloadLength)]);
}

/** The manifest as a stream that respects backpressure. */
export function manifestStream(preamble: Buffer, payloadKey: Uint8Array): Readable {
  const chunks = payloadChunks(payloadKey, manifestLength(preamble) - preamble.length);
  let sentPreamble = false;
  return new Readable({
    read() {
      if (!sentPreamble) {
        sentPreamble = true;
        this.push(preamble);
        return;
      }
      const next = chunks.next();
      this.push(next.done ? null : next.value);
    },
  });
}

/** SHA-256 of the manifest, computed chunk by chunk (yielding to the event loop now and then). */
export async function manifestSha256(preamble: Buffer, payloadKey: Uint8Array): Promise<string> {
  const hash = createHash('sha256').update(preamble);
  let i = 0;
  for (const chunk of payloadChunks(payloadKey, manifestLength(preamble) - preamble.length)) {
    hash.update(chunk);
    if (++i % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}

/** Reads the preamble; throws when the bytes are not an emulator manifest or are cut short before the payload. */
export function decodeManifest(bytes: Uint8Array): DecodedManifest {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MANIFEST_MAGIC)
    throw new Error('not a Snowball manifest');
  const version = buf.readUInt8(4);
  if (version !== MANIFEST_VERSION) throw new Error(`unsupported manifest version ${version}`);
  if (buf.readUInt8(5) !== KDF_PBKDF2_SHA256) throw new Error('unsupported key derivation');
  const headerLength = buf.readUInt16BE(6);
  const preambleLength = 8 + headerLength + 4 + SALT_BYTES + VERIFIER_BYTES + 8;
  if (buf.length < preambleLength) throw new Error('manifest is truncated');
  let o = 8;
  const header = JSON.parse(buf.toString('utf8', o, o + headerLength)) as ManifestHeader;
  o += headerLength;
  const iterations = buf.readUInt32BE(o);
  o += 4;
  const salt = Buffer.from(buf.subarray(o, o + SALT_BYTES));
  o += SALT_BYTES;
  const verifier = Buffer.from(buf.subarray(o, o + VERIFIER_BYTES));
  o += VERIFIER_BYTES;
  const payloadLength = Number(buf.readBigUInt64BE(o));
  return { version, header, iterations, salt, verifier, payloadLength, preambleLength };
}

/** True when `unlockCode` is the code this manifest was made for. False (never a throw) for a bad manifest. */
export function verifyUnlockCode(manifestBytes: Uint8Array, unlockCode: string): boolean {
  let decoded: DecodedManifest;
  try {
    decoded = decodeManifest(manifestBytes);
  } catch {
    return false;
  }
  const candidate = deriveVerifier(unlockCode, decoded.salt, decoded.iterations);
  return timingSafeEqual(candidate, decoded.verifier);
}

/** The real format: five groups of five lowercase alphanumerics joined by hyphens (29 characters). */
export const UNLOCK_CODE_PATTERN = /^[a-z0-9]{5}(-[a-z0-9]{5}){4}$/;

const UNLOCK_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Maps derived bytes (at least 25) onto an unlock code. */
export function unlockCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 25) throw new Error('need 25 bytes');
  const chars: string[] = [];
  for (let i = 0; i < 25; i++) chars.push(UNLOCK_ALPHABET[(bytes[i] ?? 0) % UNLOCK_ALPHABET.length] ?? 'a');
  const groups: string[] = [];
  for (let g = 0; g < 5; g++) groups.push(chars.slice(g * 5, g * 5 + 5).join(''));
  return groups.join('-');
}
