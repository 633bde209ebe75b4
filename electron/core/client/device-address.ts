/**
 * The device's address as the user typed it (read off the LCD): validated before anything is sent to the
 * network or to the client, and turned into the `https://IP` endpoint the Snowball Edge client expects.
 */
import { isIP } from 'node:net';
import { AppError } from '../app-error';
import { isUnlockCode } from '../unlock-code';

/** RFC 1123 host names: labels of letters, digits and inner hyphens, 253 characters at most. */
const HOST_NAME = /^(?=.{1,253}\.?$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;

const READ_THE_LCD =
  'Read the IP address on the device’s LCD display (Connections tab), for example 192.168.1.50.';

/** The bare address (an IPv6 address loses its brackets); INVALID_ADDRESS with what to do otherwise. */
export function assertDeviceHost(value: string): string {
  const trimmed = value.trim();
  const host = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  // An unlock code is also a valid host name: refuse it rather than send it to a DNS server.
  if (isUnlockCode(host)) {
    throw new AppError(
      'INVALID_ADDRESS',
      `That looks like the unlock code, not the device’s address. ${READ_THE_LCD}`,
    );
  }
  if (isIP(host) !== 0) return host;
  // Digits and dots only, yet not an IPv4 address (192.168.1.300): a mistyped IP, not a name.
  if (HOST_NAME.test(host) && !/^[\d.]+$/.test(host)) return host;
  throw new AppError('INVALID_ADDRESS', `That is not an IP address or host name. ${READ_THE_LCD}`);
}

/** `https://192.0.2.10` or `https://[fd00::10]`: the form of --endpoint. */
export function endpointOf(host: string): string {
  return isIP(host) === 6 ? `https://[${host}]` : `https://${host}`;
}
