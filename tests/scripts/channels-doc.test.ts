import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, errorMeaning } from '../../electron/contract';
import { CHANNELS_DOC, renderChannelsDoc } from '../../scripts/channels-doc';

describe('docs/CHANNELS.md', () => {
  it('is what the contract says now (run `npm run docs:channels` after changing it)', () => {
    expect(readFileSync(CHANNELS_DOC, 'utf8')).toBe(renderChannelsDoc());
  });

  it("holds every channel's summary and declared codes, and what each code means", () => {
    const doc = renderChannelsDoc();
    for (const name of CHANNEL_NAMES) {
      expect(doc).toContain(`## ${name}\n\n${channels[name].summary}\n`);
      for (const code of channels[name].errors)
        expect(doc).toMatch(new RegExp(`## ${name}\\n[^#]*\`${code}\``));
    }
    expect(doc).toContain(`\`FILE_EXISTS\`: ${errorMeaning('FILE_EXISTS')}`);
  });
});
