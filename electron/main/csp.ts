/**
 * The Content-Security-Policy of the app window, shared by the app:// protocol and the loopback host.
 * Scripts only from the app itself, no eval, no inline scripts, no plugins, no framing, no foreign
 * connections: the page talks to main through the preload, never to the network.
 *
 * style-src allows 'unsafe-inline' because Cloudscape sets inline style attributes on some components
 * (popover and dropdown positioning); styles cannot run code, and scripts stay strict.
 */
export function contentSecurityPolicy(connectSelf: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
