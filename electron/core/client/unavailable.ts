import { AppError } from '../app-error';
import type { ClientLauncher } from './launcher';

/**
 * Stands where the launcher will be until it is built: every call fails, saying so. Never a fake success.
 */
export class UnavailableClientLauncher implements ClientLauncher {
  private fail(): never {
    throw new AppError(
      'NOT_AVAILABLE',
      'Launching the Snowball client from this app is not built yet. Unlock with the snowballEdge client ' +
        'in a terminal: snowballEdge unlock-device --endpoint https://DEVICE-IP --manifest-file PATH --unlock-code CODE',
    );
  }
  find(): never {
    return this.fail();
  }
  confirm(): never {
    return this.fail();
  }
  probe(): never {
    return this.fail();
  }
  start(): never {
    return this.fail();
  }
  cancel(): never {
    return this.fail();
  }
  async stopAll(): Promise<void> {}
}
