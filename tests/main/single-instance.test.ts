import { expect, it, vi } from 'vitest';
import { fakeState, FakeBrowserWindow, resetFake } from '../helpers/electron-fake';

vi.mock('electron', async () => (await import('../helpers/electron-fake')).electronFake());
vi.mock('electron-log/main', () => ({
  default: {
    initialize: () => undefined,
    transports: { file: {} },
    hooks: [],
    warn: () => undefined,
    error: () => undefined,
  },
}));

it('quits at once when another instance of the app holds the lock', async () => {
  resetFake();
  fakeState().app.hasLock = false;
  await import('../../electron/main/index');
  fakeState().app.fireReady();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(fakeState().app.quitCalled).toBe(true);
  expect(FakeBrowserWindow.instances).toHaveLength(0);
  expect(fakeState().ipcHandlers.size).toBe(0);
});
