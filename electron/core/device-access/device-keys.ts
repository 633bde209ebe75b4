/**
 * What reading a device gave, kept in main's memory for a while: the public picture the window gets, and
 * the device's secret access key and certificates, which it does not. The secret key is known to every
 * redaction while it is held and is dropped at expiry and on request (and with the process).
 */
import { randomUUID } from 'node:crypto';
import type { DeviceAccessInfo } from '../../contract';
import { AppError } from '../app-error';
import type { Clock } from '../ports';
import { registerSecretText } from '../redact';
import type { ConnectVia } from './device-tls';

export interface HeldAccess {
  info: DeviceAccessInfo;
  secretAccessKey: string;
  /** Each address's certificate (PEM), as the device gave it. */
  pems: Map<string, string>;
  /** Each address's S3 adapter endpoint (HTTPS) and its state. */
  s3: Map<string, { host: string; port: number; state: string | null }>;
  connectVia(host: string, port: number): ConnectVia;
}

interface Entry extends HeldAccess {
  cancelExpiry: () => void;
  unregister: () => void;
}

export class DeviceAccessVault {
  private readonly held = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly holdMs = 30 * 60_000,
  ) {}

  hold(
    access: Omit<HeldAccess, 'info'> & { info: Omit<DeviceAccessInfo, 'accessId' | 'expiresAt'> },
  ): HeldAccess {
    const accessId = randomUUID();
    const expiresAt = this.clock.now() + this.holdMs;
    const entry: Entry = {
      ...access,
      info: { ...access.info, accessId, expiresAt },
      unregister: registerSecretText(access.secretAccessKey),
      cancelExpiry: this.clock.setTimeout(() => this.forget(accessId), this.holdMs),
    };
    this.held.set(accessId, entry);
    return entry;
  }

  get(accessId: string): HeldAccess {
    const entry = this.held.get(accessId);
    if (!entry || entry.info.expiresAt <= this.clock.now()) {
      this.forget(accessId);
      throw new AppError(
        'DEVICE_ACCESS_EXPIRED',
        `The device’s keys were cleared from memory (they are kept for ${Math.round(this.holdMs / 60_000)} minutes after the device is read). Read the device again.`,
      );
    }
    return entry;
  }

  forget(accessId: string): void {
    const entry = this.held.get(accessId);
    entry?.cancelExpiry();
    entry?.unregister();
    this.held.delete(accessId);
  }
}
