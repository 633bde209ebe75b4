/** S3's REST error documents (`<Error><Code>…`), which presigned manifest URLs answer with. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements S3 adds after `<Message>`, in order. */
    readonly fields: ReadonlyArray<readonly [string, string]> = [],
  ) {
    super(message);
  }
}

/** Escapes text content (not attribute values, which the emulator never writes from input). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
}

export function s3ErrorXml(err: S3Error, requestId: string, hostId: string): string {
  const parts = [`<Code>${escapeXml(err.code)}</Code>`, `<Message>${escapeXml(err.message)}</Message>`];
  for (const [name, value] of err.fields) parts.push(`<${name}>${escapeXml(value)}</${name}>`);
  parts.push(`<RequestId>${requestId}</RequestId>`, `<HostId>${hostId}</HostId>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${parts.join('')}</Error>`;
}

/** S3 quotes the strings it signed as space-separated hex bytes too. */
export function hexBytes(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

export const accessDenied = (): S3Error => new S3Error(403, 'AccessDenied', 'Access Denied');

export const authQueryError = (
  message: string,
  fields: ReadonlyArray<readonly [string, string]> = [],
): S3Error => new S3Error(400, 'AuthorizationQueryParametersError', message, fields);

export const noSuchKey = (key: string): S3Error =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', [['Key', key]]);

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', [['BucketName', bucket]]);

export const slowDown = (): S3Error => new S3Error(503, 'SlowDown', 'Please reduce your request rate.');

export const s3InternalError = (): S3Error =>
  new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');

export const s3ServiceUnavailable = (): S3Error =>
  new S3Error(503, 'ServiceUnavailable', 'Please reduce your request rate.');

export const methodNotAllowed = (method: string): S3Error =>
  new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', [
    ['Method', method],
    ['ResourceType', 'OBJECT'],
  ]);

export const invalidRange = (requested: string, size: number): S3Error =>
  new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable', [
    ['RangeRequested', requested],
    ['ActualObjectSize', String(size)],
  ]);
