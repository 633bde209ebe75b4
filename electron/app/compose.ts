/**
 * The composition root shared by Electron main and the loopback host: core's services with their ports,
 * the events wired to a sink, and every contract channel's handler. Only the ports differ per shell.
 */
import { CompanionService, type ServiceOptions } from '../core/companion-service';
import { systemClock } from '../core/ports';
import { eventEmitter, type EventSink } from './events';
import { createHandlers, type ShellPorts } from './handlers';
import type { Handlers } from './ipc-registry';

export interface ComposeOptions extends Omit<ServiceOptions, 'clock' | 'emit'> {
  shell: ShellPorts;
  send: EventSink;
  clock?: ServiceOptions['clock'];
}

export interface ComposedApp {
  service: CompanionService;
  handlers: Handlers;
  /** Set when the settings file was damaged and moved aside: worth telling the user once. */
  settingsSetAside: string | null;
}

export async function composeApp(options: ComposeOptions): Promise<ComposedApp> {
  const { shell, send, clock, ...serviceOptions } = options;
  const service = new CompanionService({
    ...serviceOptions,
    clock: clock ?? systemClock,
    emit: eventEmitter(send),
  });
  const { settingsSetAside } = await service.init();
  return { service, handlers: createHandlers(service, shell), settingsSetAside };
}
