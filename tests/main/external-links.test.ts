import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../electron/main/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/snowball/latest/developer-guide/using-client.html',
    'https://console.aws.amazon.com/importexport/home',
    'https://us-west-2.console.aws.amazon.com/importexport/home?region=us-west-2',
    'https://aws.amazon.com/snowball/',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://docs.aws.amazon.com/snowball/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evil.example/?docs.aws.amazon.com',
    'https://user:pw@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});
