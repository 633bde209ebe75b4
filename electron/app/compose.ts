/**
 * The composition root shared by Electron main and the loopback host: core's service with its ports,
 * the events wired to a sink, and every contract channel's handler. Only the ports differ per shell.
 */
import { CompanionService, type ServiceOptions } from '../core/companion-service';
import { DeviceAccessService } from '../core/device-access/device-access-service';
import { systemClock } from '../core/ports';
import { eventEmitter, serviceEvents, type EventSink } from './events';
import { createHandlers, type ShellPorts } from './handlers';
import type { Handlers } from './ipc-registry';

export interface ComposeOptions extends Omit<ServiceOptions, 'clock' | 'events'> {
  shell: ShellPorts;
  send: EventSink;
  clock?: ServiceOptions['clock'];
}

export interface ComposedApp {
  service: CompanionService;
  /** After the unlock: the device's keys, certificate, AWS profile and S3 check (core/device-access). */
  deviceAccess: DeviceAccessService;
  handlers: Handlers;
  /** Set when the settings file was damaged and moved aside: worth telling the user once. */
  settingsSetAside: string | null;
}

export async function composeApp(options: ComposeOptions): Promise<ComposedApp> {
  const { shell, send, clock, ...serviceOptions } = options;
  const service = new CompanionService({
    ...serviceOptions,
    clock: clock ?? systemClock,
    events: serviceEvents(eventEmitter(send)),
  });
  const { settingsSetAside } = await service.init();
  const deviceAccess = new DeviceAccessService({
    ...service.deviceAccessPorts(),
    clock: clock ?? systemClock,
    env: serviceOptions.env ?? process.env,
  });
  return { service, deviceAccess, handlers: createHandlers(service, deviceAccess, shell), settingsSetAside };
}
