import { describe, expect, it } from 'vitest';
import { allowedExternalUrl } from '../../electron/app/external-links';

describe('allowedExternalUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/snowball/latest/developer-guide/using-client.html',
    'https://console.aws.amazon.com/importexport/home',
    'https://us-west-2.console.aws.amazon.com/importexport/home?region=us-west-2',
    'https://aws.amazon.com/snowball/',
    'https://device.sso.us-east-1.amazonaws.com/?user_code=BCDF-GHJK',
    'https://device.sso.eu-central-1.amazonaws.com/',
    'https://device.sso.us-gov-west-1.amazonaws.com/?user_code=BCDF-GHJK',
    'https://device.sso.cn-north-1.amazonaws.com.cn/?user_code=BCDF-GHJK',
    'https://ap-southeast-2.signin.aws/platform/authorize?request_uri=urn%3Aexample',
  ])('allows %s', (url) => expect(allowedExternalUrl(url)).toBe(url));

  it.each([
    'http://docs.aws.amazon.com/snowball/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evil.example/?docs.aws.amazon.com',
    'https://user:pw@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'http://device.sso.us-east-1.amazonaws.com/?user_code=BCDF-GHJK',
    'https://device.sso.us-east-1.amazonaws.com.evil.example/',
    'https://device.sso.evil.amazonaws.com/',
    'https://device.sso.us-east-1.evil.example/',
    'https://evil.device.sso.us-east-1.amazonaws.com/',
    'https://oidc.us-east-1.amazonaws.com/',
    'https://acme.awsapps.com/start',
    'https://signin.aws/',
    'https://us-east-1.signin.aws.evil.example/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(allowedExternalUrl(url)).toBeNull());

  it.each([
    ['HTTPS://DOCS.aws.amazon.com/snowball/../snowball/', 'https://docs.aws.amazon.com/snowball/'],
    ['https://docs.aws.amazon.com/a b?q="x"&y=<z>', 'https://docs.aws.amazon.com/a%20b?q=%22x%22&y=%3Cz%3E'],
    ['https:\\\\docs.aws.amazon.com\\snowball', 'https://docs.aws.amazon.com/snowball'],
    ['https://docs.aws.amazon.com/\tsnow\nball', 'https://docs.aws.amazon.com/snowball'],
  ])('returns %j as parsed and written out again: %s', (raw, serialised) =>
    expect(allowedExternalUrl(raw)).toBe(serialised),
  );
});
