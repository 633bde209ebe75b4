/**
 * Guards on every web contents the app creates: no navigation away from the app, no new windows (only
 * allowlisted https links, handed to the user's browser), no webviews, every permission request denied.
 */
import { app, session, shell, type WebContents } from 'electron';
import { allowedExternalUrl } from './external-links';

export function installGuards(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
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
