/**
 * The launcher's pure pieces: the documented command lines, how they are shown, Windows' cmd.exe
 * escaping, reading describe-device/-cluster and legacy status output over recorded outputs (the
 * developer guide's examples and the variants a real client prints), failure wording, and line
 * splitting that never lets a code through in halves.
 */
import { describe, expect, it } from 'vitest';
import type { ClientExit, OutputLine } from '../../../electron/core/client/client-process';
import { clientWords, commandFailure, type ExplainContext } from '../../../electron/core/client/client-words';
import {
  displayCommandLine,
  escapeCmdArgument,
  spawnPlan,
  statusArgs,
  unlockArgs,
} from '../../../electron/core/client/command-lines';
import {
  devicesOnHosts,
  overallState,
  parseDescribe,
  parseLegacyStatus,
  summaryOf,
} from '../../../electron/core/client/describe-parse';
import { firstJsonDocument } from '../../../electron/core/client/json-document';
import { LineSplitter } from '../../../electron/core/client/line-splitter';
import { codeSpans, LineRedactor } from '../../../electron/core/redact';
import { REDACTED_CODE } from '../../../electron/core/unlock-code';

const CODE = 'a1b2c-3d4e5-f6g7h-8i9j0-klmno';
const M = '/media/USB stick/JID_manifest.bin';
const P = 'snowball-companion';

describe('command lines', () => {
  it('follows the documented forms, the code in a profile', () => {
    const one = { hosts: ['192.0.2.0'], manifestPath: M, code: CODE };
    expect(unlockArgs('snowballEdge', one, P)).toEqual(['unlock-device', '--profile', P]);
    expect(statusArgs('snowballEdge', one, P)).toEqual(['describe-device', '--profile', P]);
    const cluster = { ...one, hosts: ['192.0.2.0', '192.0.2.1'] };
    expect(unlockArgs('snowballEdge', cluster, P)).toEqual([
      'unlock-cluster',
      '--profile',
      P,
      '--device-ip-addresses',
      '192.0.2.0',
      '192.0.2.1',
    ]);
    // describe-cluster is documented with manifest, code and one endpoint only: the profile holds them.
    expect(statusArgs('snowballEdge', cluster, P)).toEqual(['describe-cluster', '--profile', P]);
    expect(unlockArgs('snowball', one, P)).toEqual(['start', '-i', '192.0.2.0', '-m', M, '-u', CODE]);
    expect(statusArgs('snowball', one, P)).toEqual(['status']);
  });

  it('shows a command line quoted for the platform, with the code redacted', () => {
    const args = unlockArgs('snowball', { hosts: ['192.0.2.0'], manifestPath: M, code: CODE }, P);
    expect(displayCommandLine('/opt/snowball-client/bin/snowball', args, CODE, 'linux')).toBe(
      `/opt/snowball-client/bin/snowball start -i 192.0.2.0 -m '${M}' -u ${REDACTED_CODE}`,
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

describe('reading the device state, over recorded outputs', () => {
  // The developer guide's describe-device example, in Jackson's pretty layout.
  const device = (state: string) => `{
  "DeviceId" : "JID-EXAMPLE12345-123-456-7-890",
  "UnlockStatus" : {
    "State" : "${state}"
  },
  "ActiveNetworkInterface" : {
    "IpAddress" : "192.0.2.0"
  },
  "PhysicalNetworkInterfaces" : [ {
    "PhysicalNetworkInterfaceId" : "s.ni-EXAMPLEd9ecbf03e3",
    "PhysicalConnectorType" : "RJ45",
    "IpAddressAssignment" : "STATIC",
    "IpAddress" : "192.0.2.0",
    "Netmask" : "255.255.255.0",
    "DefaultGateway" : "192.0.2.1",
    "MacAddress" : "EX:AM:PL:E0:12:34"
  } ]
}`;
  // "Replacing a node in a cluster": a node that does not answer has no state and no address.
  const cluster = `{
    "ClusterId": "CID12345678-1234-1234-1234-123456789012",
    "Devices": [
        {
            "DeviceId": "JID12345678-1234-1234-1234-123456789012",
            "UnlockStatus": { "State": "UNLOCKED" },
            "ActiveNetworkInterface": { "IpAddress": "10.0.0.0" },
            "ClusterAssociation": { "ClusterId": "CID12345678-1234-1234-1234-123456789012", "State": "ASSOCIATED" },
            "NetworkReachability": { "State": "REACHABLE" },
            "Tags": []
        },
        {
            "DeviceId": "JID12345678-1234-1234-1234-123456789013",
            "UnlockStatus": { "State": "UNLOCKING" },
            "ActiveNetworkInterface": { "IpAddress": "10.0.0.1" },
            "ClusterAssociation": { "ClusterId": "CID12345678-1234-1234-1234-123456789012", "State": "ASSOCIATED" },
            "NetworkReachability": { "State": "REACHABLE" },
            "Tags": []
        },
        {
            "DeviceId": "JID12345678-1234-1234-1234-123456789014",
            "ClusterAssociation": { "ClusterId": "CID12345678-1234-1234-1234-123456789012", "State": "ASSOCIATED" },
            "NetworkReachability": { "State": "UNREACHABLE" }
        }
    ]
}`;

  it('reads UnlockStatus.State of describe-device', () => {
    expect(parseDescribe(device('UNLOCKING'))).toEqual({
      nodes: [{ id: 'JID-EXAMPLE12345-123-456-7-890', ip: '192.0.2.0', state: 'UNLOCKING', reachable: true }],
      words: [],
    });
  });

  it('takes the first complete document and keeps the other lines as the client’s words, braces and all', () => {
    const noisy = [
      'Notice: {snowballEdge} 1.2.0 Build 701 is available {see the release notes}',
      'Picked up JAVA_TOOL_OPTIONS: "-Duser.home=/home/me/Snowball Companion/client-homes/home-1"',
      device('UNLOCKED'),
      'Warning: the certificate is self-signed } accepted',
    ].join('\n');
    expect(parseDescribe(noisy)).toMatchObject({
      nodes: [{ state: 'UNLOCKED' }],
      words: [
        'Notice: {snowballEdge} 1.2.0 Build 701 is available {see the release notes}',
        'Warning: the certificate is self-signed } accepted',
      ],
    });
    // A notice whose braces happen to be valid JSON is not taken for the document.
    expect(parseDescribe(`Update {} ready\n${device('LOCKED')}`)?.nodes[0]?.state).toBe('LOCKED');
    expect(firstJsonDocument('a { "b" : "}" } c')).toEqual({ value: { b: '}' }, otherLines: ['a', 'c'] });
  });

  it('reads every node of describe-cluster, an unreachable one too, and maps them onto the addresses', () => {
    const report = parseDescribe(cluster)!;
    expect(report.nodes.map((n) => [n.ip, n.state, n.reachable])).toEqual([
      ['10.0.0.0', 'UNLOCKED', true],
      ['10.0.0.1', 'UNLOCKING', true],
      [null, 'UNKNOWN', false],
    ]);
    const devices = devicesOnHosts(['10.0.0.0', '10.0.0.1', '10.0.0.2'], report);
    expect(devices).toEqual([
      {
        host: '10.0.0.0',
        state: 'UNLOCKED',
        reachable: true,
        deviceId: 'JID12345678-1234-1234-1234-123456789012',
      },
      {
        host: '10.0.0.1',
        state: 'UNLOCKING',
        reachable: true,
        deviceId: 'JID12345678-1234-1234-1234-123456789013',
      },
      { host: '10.0.0.2', state: 'UNKNOWN', reachable: false, deviceId: null },
    ]);
    expect(overallState(devices)).toBe('UNLOCKING');
    expect(summaryOf(devices)).toBe('3 nodes: 1 UNLOCKED, 1 UNLOCKING, 1 not reporting (10.0.0.2).');
    const all = devices.map((d) => ({ ...d, state: 'UNLOCKED' as const }));
    expect(overallState(all)).toBe('UNLOCKED');
    expect(summaryOf(all)).toBe('3 nodes: 3 UNLOCKED.');
  });

  it('gives up on output without a known state', () => {
    expect(parseDescribe('Error: timed out')).toBeNull();
    expect(parseDescribe(device('SOMETHING_NEW'))).toBeNull();
    expect(parseDescribe('{ not json }')).toBeNull();
    expect(parseDescribe('{"Devices": []}')).toBeNull();
  });

  it('reads the legacy snowball status', () => {
    const ok = 'Snowball Status: SUCCESS\nS3 Endpoint running at: http://192.0.2.0:8080\nTotal Size: 72 TB';
    expect(parseLegacyStatus(ok)).toMatchObject({
      nodes: [{ ip: '192.0.2.0', state: 'UNLOCKED' }],
      words: ['Total Size: 72 TB'],
    });
    expect(parseLegacyStatus('Snowball Status: FAILURE')?.nodes[0]?.state).toBe('LOCKED');
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
  const ctx = (change: Partial<ExplainContext> = {}): ExplainContext => ({
    step: 'snowballEdge unlock-device',
    timeoutMs: 1000,
    probePassed: false,
    codeOrigin: { kind: 'aws' },
    ...change,
  });

  it('recognises a code that does not match the manifest, even on exit 0', () => {
    for (const said of [
      'Error: The unlock code is not valid for this manifest file.',
      'Invalid unlock code provided',
      'The manifest does not match the unlock code',
      'Unable to decrypt the manifest file',
    ]) {
      expect(commandFailure(exit(0, [said]), ctx())).toMatch(
        /^The unlock code does not match this manifest\./,
      );
    }
  });

  it('says where the code was expected, in the words of where it came from', () => {
    const typed = commandFailure(
      exit(1, ['Invalid unlock code']),
      ctx({ codeOrigin: { kind: 'typed', expectedIn: '/home/site/Snowball codes' } }),
    );
    expect(typed).toMatch(/Check the code you entered against the place you kept it for this job/);
    expect(typed).toMatch(/This job's code was saved in \/home\/site\/Snowball codes when it was received\./);
    expect(typed).not.toMatch(/AWS console/);
  });

  it('reads "connection refused" after a passing check as the manifest or code, else as AWS’s list', () => {
    const refused = exit(1, ['Error: Connect to 10.0.0.12:9091 failed: Connection refused']);
    expect(commandFailure(refused, ctx({ probePassed: true }))).toMatch(
      /^The device answered the connection check, yet refused the client: the manifest or the unlock code may not belong to this device\./,
    );
    expect(commandFailure(refused, ctx())).toMatch(
      /a wrong IP address, a wrong manifest or unlock code, and the network \(subnet, firewall, antivirus or VPN\)/,
    );
  });

  it('explains an exit without recognisable words, and an error printed with exit 0', () => {
    expect(commandFailure(exit(7, []), ctx())).toBe(
      "`snowballEdge unlock-device` exited with code 7 without printing anything, so there is no reason to show. Try again; if it fails the same way, run the client's version command in a terminal to check that it works.",
    );
    expect(commandFailure(exit(2, ['a', '', 'b', 'c', 'd']), ctx())).toBe(
      '`snowballEdge unlock-device` exited with code 2, with words Snowball Companion does not recognise: “b c d” Read them for the cause, then try again.',
    );
    expect(commandFailure(exit(0, ['Error: The device is not ready to be unlocked.']), ctx())).toMatch(
      /ended without an error code, but what it printed is an error, not that the device is unlocking/,
    );
    expect(
      commandFailure(
        exit(0, ['Your Snowball Edge device is unlocking. You may determine the unlock state…']),
        ctx(),
      ),
    ).toBeNull();
    expect(commandFailure(exit(null, [], { timedOut: true }), ctx({ step: 'x', timeoutMs: 120_000 }))).toBe(
      '`x` did not finish within 2 minutes and was stopped.',
    );
    expect(
      commandFailure(exit(null, [], { error: Object.assign(new Error('no'), { code: 'EACCES' }) }), ctx()),
    ).toMatch(/could not be started \(EACCES\)\. Choose the client again/);
    expect(clientWords([{ stream: 'stdout', line: 'x'.repeat(500) }])).toHaveLength(398);
    expect(clientWords([{ stream: 'stderr', line: 'Picked up JAVA_TOOL_OPTIONS: -Duser.home=/x' }])).toBe('');
  });
});

describe('line splitting', () => {
  const redactor = new LineRedactor([CODE]);
  const splitter = (max?: number) => {
    const lines: string[] = [];
    const split = new LineSplitter(
      (line) => lines.push(redactor.redact(line)),
      max,
      (t) => codeSpans(t, [CODE]),
    );
    return { lines, split };
  };

  it('redacts a code that arrives split across chunks, and one split across lines', () => {
    const { lines, split } = splitter();
    split.push(Buffer.from(`using ${CODE.slice(0, 12)}`));
    split.push(Buffer.from(`${CODE.slice(12)}\r\nnext ${CODE.slice(0, 10)}`));
    split.push(Buffer.from(`\n${CODE.slice(10)} done`));
    split.end();
    expect(lines).toEqual([`using ${REDACTED_CODE}`, `next ${REDACTED_CODE}`, `${REDACTED_CODE} done`]);
  });

  it('keeps a multi-byte character split across chunks', () => {
    const lines: string[] = [];
    const split = new LineSplitter((line) => lines.push(line));
    const bytes = Buffer.from('device’s\n');
    split.push(bytes.subarray(0, 7));
    split.push(bytes.subarray(7));
    expect(lines).toEqual(['device’s']);
  });

  it('cuts an endless line at a separator, never inside a code, however it is spelled', () => {
    for (const spelled of [CODE, CODE.replace(/-/g, ' '), CODE.toUpperCase().replace(/-/g, ' - ')]) {
      const raw: string[] = [];
      const split = new LineSplitter(
        (line) => raw.push(line),
        40,
        (t) => codeSpans(t, [CODE]),
      );
      split.push(`${'x '.repeat(15)}${spelled} tail ${'y '.repeat(30)}`);
      split.end();
      expect(raw.join('')).toBe(`${'x '.repeat(15)}${spelled} tail ${'y '.repeat(30)}`);
      expect(raw.some((line) => line.includes(spelled))).toBe(true);
    }
  });
});
