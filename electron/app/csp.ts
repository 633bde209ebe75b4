/**
 * The Content-Security-Policy of the app window, shared by the app:// protocol and the loopback host.
 * Scripts and styles only from the app itself: no eval, no inline scripts or style elements, no plugins,
 * no framing, no foreign connections: the page talks to main through the preload, never to the network.
 * (Cloudscape positions popovers through element.style, which a CSP does not restrict; the e2e fixture
 * fails any spec that triggers a CSP violation.)
 */
export function contentSecurityPolicy(connectSelf: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
