/**
 * What a probe outcome means on site, and what usually fixes it (most likely first). From the Snowball
 * Edge guide: the IP is on the LCD's Connections tab, 100 Mb/s switches do not work (use 1 Gb/s or
 * faster), the device uses ports 9091 (management) and 8080/8443 (S3), and it takes about ten minutes to
 * boot before it answers.
 */
import type { ProbeInfo } from '../../contract';

type Outcome = ProbeInfo['outcome'];

const HINT = {
  lcd: 'Read the IP address on the device’s LCD display, on the Connections tab, and compare it with what you typed.',
  subnet:
    'Connect this computer to the same network (subnet) as the device, for example 192.168.1.x for both.',
  switch:
    'Use a switch that runs at 1 Gb/s or faster: 100 Mb/s routers and switches do not work with Snowball devices.',
  firewall:
    'Allow outgoing connections to ports 9091, 8080 and 8443 in your firewall or antivirus (a VPN can also block them).',
  booting:
    'The device takes about ten minutes to start after power-on: wait until its LCD shows it is ready.',
  cable: 'Check the network cable and that the port lights on the device are on.',
  other: 'Another machine may have this address: compare it with the one on the device’s LCD display.',
};

/** The system's reason in words, where it has one worth naming. */
const REASONS: Record<string, string> = {
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  ECONNRESET: 'the connection was reset',
  EADDRNOTAVAIL: 'the address is not available from this computer',
};

export function probeMessage(outcome: Outcome, host: string, port: number, detail: string | null): string {
  switch (outcome) {
    case 'open':
      return `The device at ${host} answers on port ${port}: its management endpoint replied${detail ? ` (${detail})` : ''}.`;
    case 'not-snowball':
      return `Something at ${host} answers on port ${port}, but it does not look like a Snowball: it did not answer an HTTP request as a Snowball’s management endpoint does.`;
    case 'refused':
      return `Something at ${host} answered, but refused a connection on port ${port}: the device may still be starting, or the address belongs to another machine.`;
    case 'timeout':
      return `No answer from ${host} on port ${port}: nothing accepted or refused the connection in time.`;
    case 'unreachable': {
      const reason = detail ? (REASONS[detail] ?? detail) : null;
      return `There is no network path to ${host} from this computer${reason ? ` (${reason})` : ''}.`;
    }
    case 'name-not-found':
      return `The name ${host} could not be found: use the device’s IP address instead.`;
  }
}

export function probeHints(outcome: Outcome): string[] {
  switch (outcome) {
    case 'open':
      return [];
    case 'not-snowball':
      return [HINT.lcd, HINT.other];
    case 'refused':
      return [HINT.booting, HINT.lcd, HINT.firewall];
    case 'timeout':
      return [HINT.lcd, HINT.subnet, HINT.firewall, HINT.booting, HINT.switch];
    case 'unreachable':
      return [HINT.subnet, HINT.lcd, HINT.cable, HINT.switch];
    case 'name-not-found':
      return [HINT.lcd];
  }
}
