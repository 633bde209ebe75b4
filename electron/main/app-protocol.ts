/**
 * The app:// protocol: the renderer is served from its own origin (not file://), with the CSP on every
 * response, and nothing outside the built renderer folder is reachable.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../app/csp';
import { contentTypeOf, resolveRendererFile } from '../app/renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'companion';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Must run before the app is ready: a standard, secure scheme gets a real origin and secure context.
 * `codeCache` lets V8 keep the compiled renderer between launches (it needs `standard`): from the second
 * start on, the window's scripts are not compiled again (docs/PERFORMANCE.md).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: false, codeCache: true },
    },
  ]);
}

export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const file = url.host === APP_HOST ? resolveRendererFile(rendererDir, url.pathname) : null;
  if (file === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': contentSecurityPolicy(false),
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url));
}
