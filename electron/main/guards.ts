/**
 * Guards on every web contents the app creates: no navigation away from the app, no new windows (only
 * allowlisted https links, handed to the user's browser), no webviews, and every permission denied but
 * one: the app's own page may write (never read) the clipboard, for the "copy job ID" buttons. The
 * unlock code never goes that way in Electron: main copies it and clears it.
 */
import { app, session, shell, type WebContents } from 'electron';
import { allowedExternalUrl } from '../app/external-links';
import { originOf } from '../app/ipc-registry';

/** The one permission the window has, and only from the app's own origin, main frame. */
export const WINDOW_PERMISSION = 'clipboard-sanitized-write';

export function installGuards(trustedOrigin: string): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      permission === WINDOW_PERMISSION &&
        details.isMainFrame &&
        originOf(details.requestingUrl) === trustedOrigin,
    ),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === WINDOW_PERMISSION && originOf(requestingOrigin) === trustedOrigin,
  );
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const allowed = allowedExternalUrl(url);
    if (allowed) void shell.openExternal(allowed);
    return { action: 'deny' };
  });
}
