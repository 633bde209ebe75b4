/**
 * The small seams through which core touches the world, so tests can drive time and the clipboard.
 * Electron main supplies the real clipboard; the loopback host a process-local one.
 */

/** Time and timers. Tests use a manual clock that fires timers when advanced. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/** The system clipboard, text only (asynchronous, like Electron's and the web's). */
export interface Clipboard {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

/** A clipboard that lives in this process (browser mode has no access to the desktop's clipboard). */
export function memoryClipboard(): Clipboard {
  let text = '';
  return {
    readText: async () => text,
    writeText: async (value) => {
      text = value;
    },
  };
}
