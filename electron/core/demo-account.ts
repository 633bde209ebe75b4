/**
 * The demo account: the project's own Snowball emulator, started in this process on first use, with its
 * published demo keys. Lets anyone try the whole flow with no AWS account and no network.
 */
import { DEMO_CREDENTIALS, start, type Emulator, type StartOptions } from '../../emulator';
import type { DemoAccount } from './session';

export class InProcessDemoAccount implements DemoAccount {
  #emulator: Promise<Emulator> | null = null;

  constructor(private readonly options: StartOptions = {}) {}

  async ensureStarted() {
    const emulator = await this.emulator();
    return { endpoint: emulator.url, credentials: { ...DEMO_CREDENTIALS } };
  }

  /** The running emulator (started on first use): for this account, and for tests and the e2e fixture. */
  emulator(): Promise<Emulator> {
    this.#emulator ??= start(this.options);
    return this.#emulator;
  }

  async stop(): Promise<void> {
    const running = this.#emulator;
    this.#emulator = null;
    if (running) await (await running).stop();
  }
}

/**
 * A demo account whose emulator runs elsewhere (the e2e specs under Electron start it in the test
 * process, so they can inject faults and read the job secrets). Same keys, external endpoint.
 */
export class ExternalDemoAccount implements DemoAccount {
  constructor(private readonly endpoint: string) {}

  async ensureStarted() {
    return { endpoint: this.endpoint, credentials: { ...DEMO_CREDENTIALS } };
  }
}
