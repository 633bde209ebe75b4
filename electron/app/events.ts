/**
 * Events from main to the window, as the contract declares them (job pages, download progress, the
 * clipboard countdown, the client's output and unlock status, the end of an IAM Identity Center sign-in).
 * Core sends them through the contract's Emit; payloads are checked against the contract before they
 * leave, so nothing beyond the declared fields goes out.
 */
import { eventWireName, events, type Emit } from '../contract';

/** Delivers one event on the wire: webContents.send in Electron, the event stream in the loopback host. */
export type EventSink = (wire: string, payload: unknown) => void;

export function eventEmitter(sink: EventSink): Emit {
  return (name, payload) => {
    const parsed = events[name].safeParse(payload);
    if (parsed.success) sink(eventWireName(name), parsed.data);
  };
}
