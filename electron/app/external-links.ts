/**
 * The only places the app opens outside itself, in the user's browser: AWS documentation, the AWS
 * console, and IAM Identity Center's verification page for signing in, over https. Everything else a page
 * might try to open is dropped. What is opened is the URL as parsed and written out again here, never the
 * page's own string (which the system's URL handler might read differently).
 */
const ALLOWED_HOSTS = [
  /^docs\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/,
  /^aws\.amazon\.com$/,
  // IAM Identity Center's device verification page (StartDeviceAuthorization's verificationUri), per region.
  /^device\.sso\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com(\.cn)?$/,
  // The AWS sign-in page the device flow also hands out (`https://<region>.signin.aws/platform/...`).
  /^[a-z]{2}(-gov)?-[a-z]+-\d\.signin\.aws$/,
];

/** The allowlisted URL, re-serialised; null when it is not allowed. */
export function allowedExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const allowed =
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ALLOWED_HOSTS.some((host) => host.test(url.hostname));
  return allowed ? url.href : null;
}
