/**
 * The only places the app opens outside itself, in the user's browser: AWS documentation and the AWS
 * console, over https. Everything else a page might try to open is dropped.
 */
const ALLOWED_HOSTS = [
  /^docs\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/,
  /^aws\.amazon\.com$/,
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    ALLOWED_HOSTS.some((host) => host.test(url.hostname))
  );
}
