/**
 * The device address field, read as the person meant it: addresses, a pasted URL or host:port understood
 * and said so, and everything else explained in words a person acts on (never echoing a code).
 */
import { describe, expect, it } from 'vitest';
import { readHosts } from '../../renderer/src/device-hosts';

describe('reading the device address field', () => {
  it('takes addresses separated by spaces, commas or new lines, each once', () => {
    expect(readHosts(' 192.168.1.50,192.168.1.51\n192.168.1.50 fd00::10 snowball-1.lan ')).toEqual({
      hosts: ['192.168.1.50', '192.168.1.51', 'fd00::10', 'snowball-1.lan'],
      notes: ['192.168.1.50 is listed twice; it is used once.'],
      problems: [],
    });
  });

  it.each([
    ['https://10.0.0.12:9091', '10.0.0.12'],
    ['https://10.0.0.12/', '10.0.0.12'],
    ['10.0.0.12:9091', '10.0.0.12'],
    ['http://[fd00::12]:8443/x', 'fd00::12'],
  ])('understands a pasted %s as %s, and says so', (pasted, host) => {
    const read = readHosts(pasted);
    expect(read.hosts).toEqual([host]);
    expect(read.notes).toEqual([
      `Understood “${pasted}” as ${host}. Paste only the IP address from the device’s LCD.`,
    ]);
  });

  it.each([
    [
      '10.0.0.300',
      /is not an IP address \(four numbers from 0 to 255 separated by dots\): read the IP address on the device’s LCD display/,
    ],
    ['10.0.0', /is not an IP address \(four numbers/],
    ['snow_ball', /is not an IP address or host name: read the IP address/],
    ['https://', /is not an IP address or host name/],
  ])('explains %j in words a person acts on', (typed, words) => {
    const read = readHosts(typed);
    expect(read.hosts).toEqual([]);
    expect(read.problems).toEqual([expect.stringMatching(words)]);
    expect(read.problems.join(' ')).not.toMatch(/schema|probeDevice|expected string|regex/);
  });

  it('never repeats something shaped like the unlock code', () => {
    const code = 'abcde-12345-fghij-67890-klmno';
    const read = readHosts(code);
    expect(read.problems).toEqual([
      expect.stringMatching(/^That looks like the unlock code, not an address/),
    ]);
    expect(JSON.stringify(read)).not.toContain(code);
  });
});
