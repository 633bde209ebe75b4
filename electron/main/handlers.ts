/**
 * Every contract channel bound to core. Electron-free, so the loopback host runs exactly this code.
 */
import type { AppInfo } from '../contract';
import type { Handlers } from './ipc-registry';

export interface HandlerDeps {
  appInfo: AppInfo;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    getAppInfo: async () => deps.appInfo,
  };
}
