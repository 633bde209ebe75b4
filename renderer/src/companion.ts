import { API_GLOBAL, type CompanionApi } from '../../electron/contract';

/**
 * The preload's API object. The renderer talks to the app only through this; it imports nothing of Node
 * or Electron. Returns null when the page was opened without a preload (e.g. a bare file).
 */
export function companion(): CompanionApi | null {
  const api = (window as unknown as Record<string, unknown>)[API_GLOBAL];
  return api ? (api as CompanionApi) : null;
}
