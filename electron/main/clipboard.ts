/**
 * The desktop clipboard behind core's port: the unlock code goes in as text together with the markers
 * that keep it out of clipboard managers and history (app/clipboard-markers.ts), in one atomic write.
 */
import { ClipboardItem, clipboard } from 'electron';
import { secretMarkers } from '../app/clipboard-markers';
import type { Clipboard } from '../core/ports';

export function desktopClipboard(platform: NodeJS.Platform = process.platform): Clipboard {
  return {
    readText: () => clipboard.readText(),
    writeSecret: (text) =>
      clipboard.write([new ClipboardItem({ 'text/plain': text, ...secretMarkers(platform) })]),
    clear: async () => clipboard.clear(),
  };
}
