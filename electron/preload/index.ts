/**
 * The Electron preload (sandboxed, context-isolated). It exposes exactly one object built from the
 * contract; the page never sees ipcRenderer or an IpcRendererEvent.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, eventWireName, wireName } from '../contract-names';
import type { Result } from '../contract';
import { createApi } from './api';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createApi(
    (channel, input) => ipcRenderer.invoke(wireName(channel), input) as Promise<Result<unknown>>,
    (event, listener) => {
      // Only the payload crosses into the page, never the Electron event object.
      const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(eventWireName(event), relay);
      return () => ipcRenderer.removeListener(eventWireName(event), relay);
    },
  ),
);
