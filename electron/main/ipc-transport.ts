import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { originOf, type CallSender, type Transport } from '../app/ipc-registry';

/** Who sent an invoke: the frame's origin and whether it is the top-level frame. */
export function senderOf(event: IpcMainInvokeEvent): CallSender {
  const frame = event.senderFrame;
  if (!frame) return { origin: '', isMainFrame: false };
  return { origin: originOf(frame.url), isMainFrame: frame.parent === null };
}

export const ipcTransport: Transport = {
  handle(wire, handler) {
    ipcMain.handle(wire, (event, input: unknown) => handler(senderOf(event), input));
  },
};
