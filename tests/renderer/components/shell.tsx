/**
 * What a step needs around it to render alone: the window's state (the real provider, given the start-up
 * answers a test chooses) and the preload's API, each channel a function the test supplies.
 */
import type { ReactNode } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput, Result } from '../../../electron/contract';
import type { Startup } from '../../../renderer/src/boot';
import { AppStateProvider } from '../../../renderer/src/state/app-state';

const STARTUP: Startup = {
  appInfo: null,
  regions: [],
  connection: null,
  settings: null,
  chosenRegions: [],
  error: null,
};

/** `startup`: what main answered at start-up, where a test needs more than nothing (a connection). */
export function InShell({ children, startup }: { children: ReactNode; startup?: Partial<Startup> }) {
  return <AppStateProvider startup={{ ...STARTUP, ...startup }}>{children}</AppStateProvider>;
}

/** Each channel the test answers, typed by the contract. */
type Channels = { [C in ChannelName]?: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

/** Installs the preload's API with these channels (and an `on` that never fires); undo with `removeCompanion`. */
export function installCompanion(channels: Channels): void {
  (window as unknown as { companion: unknown }).companion = { ...channels, on: () => () => undefined };
}

export function removeCompanion(): void {
  delete (window as unknown as { companion?: unknown }).companion;
}

/** Whether the person can press it (Cloudscape marks a disabled button with the attribute). */
export const pressable = (button: HTMLElement) =>
  !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true';
