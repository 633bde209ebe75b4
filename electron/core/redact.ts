/**
 * One redaction step for everything that leaves core as text (logs, the audit log, the client's output):
 * unlock codes, AWS access key IDs, secret keys, session tokens, presigned-URL signatures, and IAM
 * Identity Center's access tokens, refresh tokens and client secrets.
 * Over-redacting a harmless string is acceptable; letting one secret through is not.
 */
import { redactUnlockCodes } from './unlock-code';

const RULES: [RegExp, string][] = [
  // Presigned URLs carry a signature and sometimes a session token in their query.
  [/(X-Amz-(?:Signature|Security-Token|Credential)=)[^&\s"']+/gi, '$1[redacted]'],
  // Access key IDs: AKIA (long-term) and ASIA (temporary), 20 characters.
  [/(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g, '[access-key-id]'],
  // IAM Identity Center tokens: access (aoa…) and refresh (aor…) tokens; client secrets are JWT-like (eyJ…).
  [/(?<![A-Za-z0-9])ao[ar][A-Za-z0-9+/=:._-]{20,}/g, '[sso-token]'],
  [/(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_.-]{10,}/g, '[sso-token]'],
  // Long base64url runs (tokens in URL-safe form).
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{100,}(?![A-Za-z0-9_-])/g, '[token]'],
  // Session tokens: very long base64 runs.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g, '[session-token]'],
  // Secret access keys: 40 base64 characters on their own.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[secret]'],
];

export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = redactUnlockCodes(text, known);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
