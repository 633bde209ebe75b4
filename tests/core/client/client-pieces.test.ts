/**
 * The launcher's pure pieces: the documented command lines, how they are shown, Windows' cmd.exe
 * escaping, reading describe-device/-cluster and legacy status output, failure wording, and line
 * splitting that never lets a code through in halves.
 */
import { describe, expect, it } from 'vitest';
import type { ClientExit, OutputLine } from '../../../electron/core/client/client-process';
import { clientWords, failureOf } from '../../../electron/core/client/client-words';
import {
  displayCommandLine,
  escapeCmdArgument,
  spawnPlan,
  statusArgs,
  unlockArgs,
} from '../../../electron/core/client/command-lines';
import { parseDescribe, parseLegacyStatus } from '../../../electron/core/client/describe-parse';
import { LineSplitter } from '../../../electron/core/client/line-splitter';
import { REDACTED_CODE, redactUnlockCodes } from '../../../electron/core/unlock-code';

const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
const M = '/media/USB stick/JID_manifest.bin';

describe('command lines', () => {
  it('follows the documented forms', () => {
    const one = { hosts: ['192.0.2.0'], manifestPath: M, code: CODE };
    const flags = ['--endpoint', 'https://192.0.2.0', '--manifest-file', M, '--unlock-code', CODE];
    expect(unlockArgs('snowballEdge', one)).toEqual(['unlock-device', ...flags]);
    expect(statusArgs('snowballEdge', one)).toEqual(['describe-device', ...flags]);
    const cluster = { ...one, hosts: ['192.0.2.0', '192.0.2.1'] };
    const ips = ['--device-ip-addresses', '192.0.2.0', '192.0.2.1'];
    expect(unlockArgs('snowballEdge', cluster)).toEqual(['unlock-cluster', ...flags, ...ips]);
    expect(statusArgs('snowballEdge', cluster)).toEqual(['describe-cluster', ...flags, ...ips]);
    expect(unlockArgs('snowball', one)).toEqual(['start', '-i', '192.0.2.0', '-m', M, '-u', CODE]);
    expect(statusArgs('snowball', one)).toEqual(['status']);
  });

  it('shows a command line quoted for the platform, with the code redacted', () => {
    const args = unlockArgs('snowballEdge', { hosts: ['192.0.2.0'], manifestPath: M, code: CODE });
    expect(displayCommandLine('/opt/snowball-client/bin/snowballEdge', args, CODE, 'linux')).toBe(
      `/opt/snowball-client/bin/snowballEdge unlock-device --endpoint https://192.0.2.0 --manifest-file '${M}' --unlock-code ${REDACTED_CODE}`,
    );
    expect(displayCommandLine("/home/o'neil/snowballEdge", ['version'], CODE, 'linux')).toBe(
      `'/home/o'\\''neil/snowballEdge' version`,
    );
    expect(
      displayCommandLine(
        'C:\\Program Files\\SnowballEdge\\bin\\snowballEdge.exe',
        ['-u', CODE],
        CODE,
        'win32',
      ),
    ).toBe(`"C:\\Program Files\\SnowballEdge\\bin\\snowballEdge.exe" -u ${REDACTED_CODE}`);
  });

  it('runs executables directly, and .cmd/.bat through cmd.exe with every metacharacter escaped', () => {
    expect(spawnPlan('/opt/bin/snowballEdge', ['version'], 'linux')).toEqual({
      command: '/opt/bin/snowballEdge',
      args: ['version'],
      windowsVerbatimArguments: false,
    });
    expect(spawnPlan('C:\\x\\snowballEdge.exe', ['version'], 'win32').command).toBe(
      'C:\\x\\snowballEdge.exe',
    );
    const plan = spawnPlan(
      'C:\\Snow Ball\\snowballEdge.cmd',
      ['--manifest-file', 'C:\\a&b\\m (1).bin'],
      'win32',
    );
    expect(plan.command).toBe('cmd.exe');
    expect(plan.windowsVerbatimArguments).toBe(true);
    expect(plan.args).toEqual([
      '/d',
      '/s',
      '/c',
      '"C:\\Snow^ Ball\\snowballEdge.cmd ^"--manifest-file^" ^"C:\\a^&b\\m^ ^(1^).bin^""',
    ]);
    expect(escapeCmdArgument('say "hi"\\')).toBe('^"say^ \\^"hi\\^"\\\\^"');
  });
});

describe('reading the device state', () => {
  // The shape of the Snowball Edge guide's describe-device example.
  const device = (state: string) => `{
  "DeviceId" : "JID-EXAMPLE12345-123-456-7-890",
  "UnlockStatus" : {
    "State" : "${state}"
  },
  "ActiveNetworkInterface" : {
    "IpAddress" : "192.0.2.0"
  },
  "PhysicalNetworkInterfaces" : [ ]
}`;

  it('reads UnlockStatus.State of describe-device', () => {
    expect(parseDescribe(device('UNLOCKING'))).toEqual({
      state: 'UNLOCKING',
      devices: [{ id: 'JID-EXAMPLE12345-123-456-7-890', ip: '192.0.2.0', state: 'UNLOCKING' }],
      summary: 'The device reports UNLOCKING.',
    });
    expect(parseDescribe(`Some notice first\n${device('UNLOCKED')}`)?.state).toBe('UNLOCKED');
  });

  it('takes the least advanced node of describe-cluster', () => {
    const cluster = (states: string[]) =>
      JSON.stringify({
        ClusterId: 'CIDEXAMPLE',
        Devices: states.map((State, i) => ({
          DeviceId: `JID${i}`,
          UnlockStatus: { State },
          ActiveNetworkInterface: { IpAddress: `192.0.2.${i}` },
        })),
      });
    expect(parseDescribe(cluster(['UNLOCKED', 'UNLOCKING', 'UNLOCKED']))).toMatchObject({
      state: 'UNLOCKING',
      summary: '2 of 3 devices report UNLOCKED; the cluster is UNLOCKING.',
    });
    expect(parseDescribe(cluster(['UNLOCKED', 'LOCKED']))?.state).toBe('LOCKED');
    expect(parseDescribe(cluster(['UNLOCKED', 'UNLOCKED']))?.summary).toBe('2 of 2 devices report UNLOCKED.');
  });

  it('gives up on output without a known state', () => {
    expect(parseDescribe('Error: timed out')).toBeNull();
    expect(parseDescribe(device('SOMETHING_NEW'))).toBeNull();
    expect(parseDescribe('{ not json }')).toBeNull();
    expect(parseDescribe('{"Devices": []}')).toBeNull();
  });

  it('reads the legacy snowball status', () => {
    const ok = 'Snowball Status: SUCCESS\nS3 Endpoint running at: http://192.0.2.0:8080\nTotal Size: 72 TB';
    expect(parseLegacyStatus(ok)).toMatchObject({ state: 'UNLOCKED', devices: [{ ip: '192.0.2.0' }] });
    expect(parseLegacyStatus('Snowball Status: FAILURE')?.state).toBe('LOCKED');
    expect(parseLegacyStatus('nothing')).toBeNull();
  });
});

describe('failure wording', () => {
  const exit = (code: number | null, text: string[], extra: Partial<ClientExit> = {}): ClientExit => ({
    code,
    signal: null,
    error: null,
    timedOut: false,
    lines: text.map((line): OutputLine => ({ stream: 'stderr', line })),
    ...extra,
  });

  it('recognises a code that does not match the manifest, even on exit 0', () => {
    for (const said of [
      'Error: The unlock code is not valid for this manifest file.',
      'Invalid unlock code provided',
      'The manifest does not match the unlock code',
      'Unable to decrypt the manifest file',
    ]) {
      expect(failureOf('snowballEdge unlock-device', exit(0, [said]), 1000)).toMatch(
        /^The unlock code does not match this manifest\./,
      );
    }
  });

  it('quotes the client’s last words after what to do', () => {
    expect(failureOf('snowballEdge unlock-device', exit(2, ['a', '', 'b', 'c', 'd']), 1000)).toBe(
      '`snowballEdge unlock-device` exited with code 2. The client said: “b c d”',
    );
    expect(failureOf('x', exit(null, [], { timedOut: true }), 120_000)).toBe(
      '`x` did not finish within 2 minutes and was stopped.',
    );
    expect(
      failureOf('x', exit(null, [], { error: Object.assign(new Error('no'), { code: 'EACCES' }) }), 1),
    ).toMatch(/could not be started \(EACCES\)\. Choose the client again/);
    expect(failureOf('x', exit(0, ['fine']), 1)).toBeNull();
    expect(clientWords([{ stream: 'stdout', line: 'x'.repeat(500) }])).toHaveLength(398);
  });
});

describe('line splitting', () => {
  it('redacts a code that arrives split across chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(redactUnlockCodes(line, [CODE])));
    splitter.push(Buffer.from(`using ${CODE.slice(0, 12)}`));
    splitter.push(Buffer.from(`${CODE.slice(12)}\r\nnext`));
    splitter.end();
    expect(lines).toEqual([`using ${REDACTED_CODE}`, 'next']);
  });

  it('keeps a multi-byte character split across chunks', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('device’s\n');
    splitter.push(bytes.subarray(0, 7));
    splitter.push(bytes.subarray(7));
    expect(lines).toEqual(['device’s']);
  });

  it('cuts an endless line at a separator, never inside a code', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 40);
    splitter.push(`${'x '.repeat(10)}${CODE} tail`);
    splitter.end();
    expect(lines.join('')).toBe(`${'x '.repeat(10)}${CODE} tail`);
    expect(lines.some((line) => line.includes(CODE))).toBe(true);
    expect(lines.every((line) => line.length <= 40 || line.includes(CODE))).toBe(true);
  });
});
