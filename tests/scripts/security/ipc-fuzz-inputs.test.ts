/**
 * The IPC fuzz gate's inputs come from the contract: every channel gets a valid example its schema
 * accepts, and malformed inputs its schema refuses, with no table of channels to keep. What a field's
 * kind must refuse (a relative path, an argument that looks like a flag) is tried whatever the field
 * declares, so a declaration that lets it through is caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, channels } from '../../../electron/contract';
import { CHANNEL_SPECS, malformedInput, specOf } from '../../../scripts/security/ipc-fuzz-inputs';

describe('the IPC fuzz inputs', () => {
  it('derives a valid example for every channel, which its schema accepts', () => {
    expect(Object.keys(CHANNEL_SPECS).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) {
      expect(channels[name].input.safeParse(CHANNEL_SPECS[name].valid).success, name).toBe(true);
    }
  });

  it('makes inputs each channel refuses', () => {
    for (const [index, name] of CHANNEL_NAMES.entries()) {
      const samples = fc.sample(malformedInput(CHANNEL_SPECS[name], { json: true }), {
        numRuns: 60,
        seed: index,
      });
      for (const { input, what } of samples) {
        expect(channels[name].input.safeParse(input).success, `${name}: ${what}`).toBe(false);
      }
    }
  });

  it('tries what a path or a client argument must refuse, even where the declaration would take it', () => {
    const loose = z
      .object({
        path: z
          .string()
          .max(4096)
          .meta({ kind: 'local-path', examples: ['/media/usb'] }),
        host: z
          .string()
          .max(253)
          .meta({ kind: 'client-argument', examples: ['192.0.2.10'] }),
      })
      .strict();
    const tried = fc
      .sample(malformedInput(specOf(loose), { json: true }), { numRuns: 3000, seed: 1 })
      .map((m) => m.input as { path?: unknown; host?: unknown });
    const accepted = tried.filter((input) => loose.safeParse(input).success);
    expect(accepted.some((input) => typeof input.host === 'string' && input.host.startsWith('-'))).toBe(true);
    expect(accepted.some((input) => typeof input.path === 'string' && !input.path.startsWith('/'))).toBe(
      true,
    );
  });

  it('stops where no valid example can be derived, and says where to give one', () => {
    const refined = z.object({ p: z.string().refine((p) => p.startsWith('/')) }).strict();
    expect(() => specOf(refined)).toThrow(/give its building block an example/);
  });
});
