import type { API_GLOBAL, CompanionApi } from '../../electron/contract';

/**
 * The global the preload defines. Typed against the contract's constant (a rename there fails the build
 * here) but written out, so the renderer imports only types from the contract: no zod, no schemas in the
 * window's bundle or its start-up.
 */
const GLOBAL_NAME: typeof API_GLOBAL = 'companion';

/**
 * The preload's API object. The renderer talks to the app only through this; it imports nothing of Node
 * or Electron. Returns null when the page was opened without a preload (e.g. a bare file).
 */
export function companion(): CompanionApi | null {
  const api = (window as unknown as Record<string, unknown>)[GLOBAL_NAME];
  return api ? (api as CompanionApi) : null;
}
