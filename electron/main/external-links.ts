/**
 * The only places the app opens outside itself, in the user's browser: AWS documentation and the AWS
 * console, over https. Everything else a page might try to open is dropped. What is opened is the URL as
 * parsed and written out again here, never the page's own string (which the system's URL handler might
 * read differently).
 */
const ALLOWED_HOSTS = [
  /^docs\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/,
  /^aws\.amazon\.com$/,
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
