/**
 * HTTPS to a device that trusts its certificate only: an https.Agent whose `ca` is the device's own
 * certificate (self-signed, naming the device's IP address), never `rejectUnauthorized: false` and never
 * a process-wide override. Node checks the certificate's signature against that CA and its
 * subjectAltName against the address (an IP SAN for an IP). The demo's simulated devices listen on
 * 127.0.0.1; their connections go there while TLS still checks the device's own address.
 */
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/** Where a device's port really is (the demo's loopback listener), or null for the network. */
export type ConnectVia = { host: string; port: number } | null;

export function deviceAgent(ca: string | string[], via: ConnectVia): https.Agent {
  const agent = new https.Agent({ ca, keepAlive: false });
  if (via) {
    // The socket goes to the listener; `host` (the device's address) stays what TLS verifies.
    agent.createConnection = (options) =>
      tls.connect({ ...(options as tls.ConnectionOptions), socket: net.connect(via.port, via.host) });
  }
  return agent;
}

export interface CertificateFacts {
  fingerprint: string;
  notAfter: number | null;
  /** The certificate names this address (an IP SAN for an IP, a DNS name otherwise). */
  names(host: string): boolean;
}

export function certificateFacts(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  const notAfter = Date.parse(cert.validTo);
  return {
    fingerprint: cert.fingerprint256,
    notAfter: Number.isNaN(notAfter) ? null : notAfter,
    names: (host) =>
      net.isIP(host) !== 0 ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined,
  };
}
