/**
 * The Electron preload (sandboxed, context-isolated). It exposes exactly one object built from the
 * contract; the page never sees ipcRenderer or an IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, wireName, type Result } from '../contract';
import { createApi } from './api';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createApi((channel, input) => ipcRenderer.invoke(wireName(channel), input) as Promise<Result<unknown>>),
);
