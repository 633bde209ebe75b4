import { describe, expect, it } from 'vitest';
import {
  LineRedactor,
  REDACTED_CODE,
  codeSpans,
  redactSecrets,
  registerSecretCode,
} from '../../electron/core/redact';

describe('redactSecrets', () => {
  it.each([
    ['an unlock code', 'code a1b2c-3d4e5-f6g7h-8i9j0-klmno ok', 'a1b2c-3d4e5-f6g7h-8i9j0-klmno'],
    ['a long-term access key id', 'key AKIAIOSFODNN7EXAMPLE used', 'AKIAIOSFODNN7EXAMPLE'],
    ['a temporary access key id', 'key=ASIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'],
    [
      'a secret key',
      'secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    ['a session token', `token ${'IQoJb3JpZ2luX2VjE'.repeat(8)}== end`, 'IQoJb3JpZ2luX2VjE'],
    [
      'an IAM Identity Center access token',
      `{"accessToken": "aoaAAAAAGZ${'x1Y2'.repeat(30)}:MGUCMQD${'a/b+'.repeat(10)}"}`,
      'aoaAAAAAGZ',
    ],
    ['an IAM Identity Center refresh token', `refresh=aorAAAAAGZ${'Q_w-'.repeat(20)}`, 'aorAAAAAGZ'],
    [
      'an IAM Identity Center client secret',
      `secret eyJraWQiOiJrZXktMTU2Njk2ODEzNiJ9.eyJzZXJpYWxpemVkIjoie1wi${'c2Vy'.repeat(20)}.sig-part`,
      'eyJzZXJpYWxpemVkIjoie1wi',
    ],
    ['a long URL-safe token', `t=${'Ab_-'.repeat(30)} end`, 'Ab_-Ab_-Ab_-'],
    [
      'a presigned URL signature',
      'GET https://b.s3.amazonaws.com/m?X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=abcdef0123&X-Amz-Expires=3600',
      'abcdef0123',
    ],
  ])('removes %s', (_label, text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out.length).toBeGreaterThan(0);
  });

  it('keeps what is not secret: job ids, SHA-256 digests, paths, regions', () => {
    const text =
      'JID0a1b2c3d-1111-2222-3333-444455556666 us-west-2 /media/usb/JID_manifest.bin ' +
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 X-Amz-Expires=3600';
    expect(redactSecrets(text)).toBe(text);
  });

  it('removes a known secret of any shape', () => {
    expect(redactSecrets('pw is hunter2!', ['hunter2'])).not.toContain('hunter2');
  });
});

describe('an unlock code, by meaning rather than spelling', () => {
  const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
  const bare = CODE.replace(/-/g, '');

  it.each([
    ['upper case', CODE.toUpperCase()],
    ['no separators', bare],
    ['no separators, upper case', bare.toUpperCase()],
    ['spaces', CODE.replace(/-/g, ' ')],
    ['underscores and dots', 'a1b2c_3d4e5.f6g7h_8i9j0.klmno'],
    ['a separator between every character', [...bare].join(' ')],
    ['split over two lines', `${CODE.slice(0, 13)}\n${CODE.slice(13)}`],
    ['hex', Buffer.from(CODE).toString('hex')],
    ['upper-case hex of the bare code', Buffer.from(bare.toUpperCase()).toString('hex').toUpperCase()],
    ['base64', Buffer.from(CODE).toString('base64')],
    ['base64 inside a longer payload (shifted by one)', Buffer.from(`x${CODE}y`).toString('base64')],
    ['base64 inside a longer payload (shifted by two)', Buffer.from(`xy{"c":"${CODE}"}`).toString('base64')],
    ['URL-safe base64', Buffer.from(`??${CODE}>>`).toString('base64url')],
  ])('when the vault knows it: %s', (_label, form) => {
    const out = redactSecrets(`said: ${form} (end)`, [CODE]);
    expect(out).not.toContain(form);
    expect(out).toMatch(/^said: .*\(end\)$/s);
  });

  it('every redaction knows a code while the vault holds it, and forgets it after', () => {
    const forget = registerSecretCode(CODE);
    expect(redactSecrets(`log: ${bare.toUpperCase()}`)).not.toContain(bare.toUpperCase());
    forget();
    expect(redactSecrets(`log: ${bare.toUpperCase()}`)).toContain(bare.toUpperCase());
  });

  it('masks the two halves of a code printed over two lines, line by line', () => {
    const redactor = new LineRedactor([CODE]);
    const first = redactor.redact(`unlock code ${CODE.slice(0, 9)}`);
    const second = redactor.redact(`${CODE.slice(9)} accepted`);
    expect(first).toBe(`unlock code ${REDACTED_CODE}`);
    expect(second).toBe(`${REDACTED_CODE} accepted`);
  });

  it('finds where a line must not be cut: a whole code, or the start of one at the end', () => {
    const text = `abc ${CODE.replace(/-/g, ' ')} def ${CODE.slice(0, 8)}`;
    const spans = codeSpans(text, [CODE]);
    expect(spans).toContainEqual([4, 4 + CODE.length]);
    expect(spans).toContainEqual([text.length - 8, text.length]);
  });
});
