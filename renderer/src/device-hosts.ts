/**
 * What the person typed or pasted in the device address field, read the way they meant it: addresses
 * separated by spaces, commas or new lines (one per cluster node). A pasted URL or address with a port
 * (`https://10.0.0.12:9091`) is understood as its address, and said so; anything else gets a sentence
 * that says what to type instead. Never echoes something shaped like the unlock code.
 */

export interface ReadHosts {
  hosts: string[];
  /** What was understood differently from how it was typed. */
  notes: string[];
  /** Why something cannot be used, in words a person acts on. */
  problems: string[];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:]+$/;
const HOST_NAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/;
const CODE_SHAPE = /^[A-Za-z0-9]{5}(?:-[A-Za-z0-9]{5}){4}$/;
const LCD = 'read the IP address on the device’s LCD display (Connections tab), for example 192.168.1.50';

export function readHosts(text: string): ReadHosts {
  const out: ReadHosts = { hosts: [], notes: [], problems: [] };
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    if (CODE_SHAPE.test(token)) {
      out.problems.push(`That looks like the unlock code, not an address: ${LCD}.`);
      continue;
    }
    const host = hostOf(token);
    if (host === null) {
      out.problems.push(
        /^\d+(\.\d+)*$/.test(token)
          ? `“${token}” is not an IP address (four numbers from 0 to 255 separated by dots): ${LCD}.`
          : `“${token}” is not an IP address or host name: ${LCD}.`,
      );
      continue;
    }
    if (host !== token) {
      out.notes.push(`Understood “${token}” as ${host}. Paste only the IP address from the device’s LCD.`);
    }
    if (out.hosts.includes(host)) {
      out.notes.push(`${host} is listed twice; it is used once.`);
      continue;
    }
    out.hosts.push(host);
  }
  return out;
}

/** The address in a token: as typed, or inside a URL or host:port; null when there is none. */
function hostOf(token: string): string | null {
  let t = token.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/[/?#].*$/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(t);
  if (bracketed) t = bracketed[1] ?? '';
  else if (/^[^:]+:\d+$/.test(t)) t = t.slice(0, t.lastIndexOf(':'));
  if (IPV4.test(t)) return t;
  if (t.includes(':')) return IPV6.test(t) && t.split(':').length >= 3 ? t : null;
  if (/^[\d.]+$/.test(t)) return null;
  return HOST_NAME.test(t) ? t : null;
}
