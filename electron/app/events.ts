/**
 * Events from main to the window, as the contract declares them (job pages, download progress, the
 * clipboard countdown, the client's output and unlock status, the end of an IAM Identity Center sign-in).
 * Payloads are checked against the contract before they leave, so nothing beyond the declared fields goes out.
 */
import { eventWireName, events, type EventName, type EventPayload } from '../contract';
import type { ServiceEvents } from '../core/companion-service';

/** Delivers one event on the wire: webContents.send in Electron, the event stream in the loopback host. */
export type EventSink = (wire: string, payload: unknown) => void;

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export function eventEmitter(sink: EventSink): Emit {
  return (name, payload) => {
    const parsed = events[name].safeParse(payload);
    if (parsed.success) sink(eventWireName(name), parsed.data);
  };
}

export function serviceEvents(emit: Emit): ServiceEvents {
  return {
    jobsPage: (page) => emit('jobsPage', page),
    manifestProgress: (progress) => emit('manifestProgress', progress),
    clipboardTimer: (outcome) => emit('clipboardTimer', outcome),
    unlockOutput: (line) => emit('unlockOutput', line),
    unlockStatus: (status) => emit('unlockStatus', status),
    ssoSignIn: (outcome) => emit('ssoSignIn', outcome),
  };
}
