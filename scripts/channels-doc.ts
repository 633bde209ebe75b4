/**
 * `npm run docs:channels`: writes docs/CHANNELS.md from the contract — each channel's summary and the codes
 * it may answer, and what each code means — so the reference cannot drift from electron/contract.ts (a
 * unit test compares the committed file with a fresh render).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALWAYS_POSSIBLE,
  CHANNEL_NAMES,
  ERROR_CODES,
  EVENT_NAMES,
  channels,
  errorMeaning,
} from '../electron/contract';
import { isMain } from './run';

export const CHANNELS_DOC = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'docs',
  'CHANNELS.md',
);

export function renderChannelsDoc(): string {
  const lines = [
    '# Channels',
    '',
    '<!-- Generated from electron/contract.ts by `npm run docs:channels`; edit the contract, not this file. -->',
    '',
    'Every call the window can make, in the order the contract declares them. Each may also answer',
    `${ALWAYS_POSSIBLE.map((c) => `\`${c}\``).join(', ')}; any other code must be declared on the channel`,
    '(the registry reports an undeclared one, and the tests fail on it).',
    '',
  ];
  for (const name of CHANNEL_NAMES) {
    const def = channels[name];
    lines.push(`## ${name}`, '', def.summary, '');
    const codes = [...new Set<string>(def.errors)];
    lines.push(
      codes.length > 0 ? `Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.` : 'Codes: none of its own.',
      '',
    );
  }
  lines.push(
    '# Events',
    '',
    `From main to the window: ${EVENT_NAMES.map((e) => `\`${e}\``).join(', ')}.`,
    '',
  );
  lines.push('# Error codes', '');
  for (const code of ERROR_CODES) lines.push(`- \`${code}\`: ${errorMeaning(code)}.`);
  lines.push('');
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  writeFileSync(CHANNELS_DOC, renderChannelsDoc());
  console.log(`wrote ${path.relative(process.cwd(), CHANNELS_DOC)}`);
}
