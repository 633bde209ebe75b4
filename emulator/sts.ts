import type { Principal } from './credentials';
import type { Reply } from './reply';
import { bufferReply } from './reply';
import type { Partition } from './regions';
import { escapeXml } from './s3-errors';
import type { AuthFailureKind } from './sigv4-verify';

/** STS's query protocol: form-encoded `Action=…&Version=2011-06-15`, XML answers. Only GetCallerIdentity. */
export const STS_VERSION = '2011-06-15';
const NS = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

/** The request's query-protocol parameters (body for POST, query string for GET), if it has an Action. */
export function queryProtocolParams(
  method: string,
  contentType: string | undefined,
  body: Buffer,
  search: string,
): Record<string, string> | undefined {
  let source = '';
  if (
    method === 'POST' &&
    (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
  ) {
    source = body.toString('utf8');
  } else if (method === 'GET') {
    source = search.startsWith('?') ? search.slice(1) : search;
  }
  if (!source) return undefined;
  const params = Object.fromEntries(new URLSearchParams(source));
  return params.Action ? params : undefined;
}

export function stsError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  base: Record<string, string>,
  type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
): Reply {
  const xml =
    `<ErrorResponse xmlns="${NS}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return bufferReply(status, { ...base, 'Content-Type': 'text/xml' }, Buffer.from(xml), code);
}

/** How STS words the refusals the JSON services call InvalidSignatureException and friends. */
export function stsAuthError(
  kind: AuthFailureKind,
  message: string,
  requestId: string,
  base: Record<string, string>,
): Reply {
  switch (kind) {
    case 'missing':
      return stsError(
        403,
        'MissingAuthenticationToken',
        'Request is missing Authentication Token',
        requestId,
        base,
      );
    case 'incomplete':
      return stsError(400, 'IncompleteSignature', message, requestId, base);
    case 'unknownKey':
      return stsError(403, 'InvalidClientTokenId', message, requestId, base);
    case 'signature':
      return stsError(403, 'SignatureDoesNotMatch', message, requestId, base);
    case 'expiredToken':
      return stsError(400, 'ExpiredToken', message, requestId, base);
  }
}

export function getCallerIdentity(
  principal: Principal,
  partition: Partition,
  requestId: string,
  base: Record<string, string>,
): Reply {
  const xml =
    `<GetCallerIdentityResponse xmlns="${NS}">\n` +
    `  <GetCallerIdentityResult>\n` +
    `    <Arn>${escapeXml(principal.arnFor(partition))}</Arn>\n` +
    `    <UserId>${escapeXml(principal.userId)}</UserId>\n` +
    `    <Account>${principal.accountId}</Account>\n` +
    `  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</GetCallerIdentityResponse>\n`;
  return bufferReply(200, { ...base, 'Content-Type': 'text/xml' }, Buffer.from(xml));
}
