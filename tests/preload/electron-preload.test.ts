/**
 * The Electron preload, loaded with a fake `electron`: it exposes exactly one object, whose functions
 * go through ipcRenderer.invoke on the contract's wire names, and whose listeners get only the payload.
 */
import { expect, it, vi } from 'vitest';
import { API_GLOBAL, CHANNEL_NAMES, eventWireName, wireName } from '../../electron/contract';
import { fakeState } from '../helpers/electron-fake';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());

await import('../../electron/preload/index');

type Api = Record<string, (input?: unknown) => Promise<unknown>> & {
  on: (event: string, listener: (payload: unknown) => void) => () => void;
};

it('exposes one object under the contract’s name, with a function per channel and `on`', () => {
  const state = fakeState();
  expect([...state.exposed.keys()]).toEqual([API_GLOBAL]);
  const api = state.exposed.get(API_GLOBAL) as Api;
  expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES, 'on'].sort());
  expect(api).not.toHaveProperty('ipcRenderer');
  expect(api).not.toHaveProperty('invoke');
});

it('invokes the wire name with the input', async () => {
  const state = fakeState();
  const api = state.exposed.get(API_GLOBAL) as Api;
  await api.listJobs!({ regions: ['us-west-2'] });
  await api.getAppInfo!();
  expect(state.invoked).toEqual([
    [wireName('listJobs'), { regions: ['us-west-2'] }],
    [wireName('getAppInfo'), {}],
  ]);
});

it('passes only the payload to a listener, never the Electron event, and stops on unsubscribe', () => {
  const state = fakeState();
  const api = state.exposed.get(API_GLOBAL) as Api;
  const listener = vi.fn();
  const stop = api.on('manifestProgress', listener);
  const [relay] = state.rendererListeners.get(eventWireName('manifestProgress'))!;
  const electronEvent = { sender: { send: () => undefined }, ports: [] };
  relay!(electronEvent, { jobId: 'JID1', received: 5, total: 10 });
  expect(listener).toHaveBeenCalledWith({ jobId: 'JID1', received: 5, total: 10 });
  expect(listener.mock.calls[0]).toHaveLength(1);
  stop();
  expect(state.rendererListeners.get(eventWireName('manifestProgress'))!.size).toBe(0);
});

it('refuses an event that is not in the contract', () => {
  const api = fakeState().exposed.get(API_GLOBAL) as Api;
  expect(() => api.on('ipc-message', () => undefined)).toThrow(/Unknown event/);
});
