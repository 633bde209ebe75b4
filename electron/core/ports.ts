/**
 * The small seams through which core touches the world, so tests can drive time and the clipboard.
 * Electron main supplies the real clipboard (main/clipboard.ts); the loopback host a process-local one.
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

/** The system clipboard, as core uses it: a secret goes in, is looked at, and is cleared again. */
export interface Clipboard {
  readText(): Promise<string>;
  /**
   * Writes a secret (the unlock code) as text, marked where the platform has a way to tell clipboard
   * managers and clipboard history to skip it.
   */
  writeSecret(text: string): Promise<void>;
  /** Empties the clipboard (every format written with the text goes too). */
  clear(): Promise<void>;
}

/** A clipboard that lives in this process (browser mode has no access to the desktop's clipboard). */
export interface MemoryClipboard extends Clipboard {
  /** What anyone else copies (tests stand for the user copying something). */
  writeText(text: string): Promise<void>;
  /** Whether what it holds was written as a secret. */
  holdsSecret(): boolean;
}

export function memoryClipboard(): MemoryClipboard {
  let text = '';
  let secret = false;
  return {
    readText: async () => text,
    writeSecret: async (value) => {
      [text, secret] = [value, true];
    },
    writeText: async (value) => {
      [text, secret] = [value, false];
    },
    clear: async () => {
      [text, secret] = ['', false];
    },
    holdsSecret: () => secret,
  };
}
