import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../electron/core/redact';

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
