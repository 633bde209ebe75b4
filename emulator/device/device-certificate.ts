/**
 * A device's self-signed certificate, made per run: a Snowball Edge "generates a certificate when it gets
 * a new IP address" (developer guide, "Transferring files using the Amazon S3 adapter"), naming that
 * address as an IP subjectAltName. Node's crypto cannot issue X.509 certificates, so pkijs builds it over
 * Node's WebCrypto (an ECDSA P-256 key, SHA-256).
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as EngineCrypto });

export interface DeviceCertificate {
  /** The certificate, PEM. */
  cert: string;
  /** Its private key, PKCS #8 PEM (the simulated device's own; never leaves the emulator). */
  key: string;
}

const OID = { commonName: '2.5.4.3', subjectAltName: '2.5.29.17' };
/** GeneralName's iPAddress choice. */
const IP_ADDRESS = 7;

export async function makeDeviceCertificate(
  address: string,
  { now = Date.now(), days = 365 }: { now?: number; days?: number } = {},
): Promise<DeviceCertificate> {
  const keys = (await engine.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // positive
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const name = new pkijs.AttributeTypeAndValue({
    type: OID.commonName,
    value: new asn1js.Utf8String({ value: `Snowball Edge ${address} (simulated)` }),
  });
  cert.subject.typesAndValues.push(name);
  cert.issuer.typesAndValues.push(name);
  cert.notBefore.value = new Date(now - 60_000);
  cert.notAfter.value = new Date(now + days * 86_400_000);
  const altNames = new pkijs.AltName({
    altNames: [
      new pkijs.GeneralName({
        type: IP_ADDRESS,
        value: new asn1js.OctetString({ valueHex: ipBytes(address) }),
      }),
    ],
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: OID.subjectAltName,
      critical: false,
      extnValue: altNames.toSchema().toBER(false),
      parsedValue: altNames,
    }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  await cert.sign(keys.privateKey, 'SHA-256', engine);
  const der = Buffer.from(cert.toSchema(true).toBER(false));
  const pkcs8 = Buffer.from(await engine.exportKey('pkcs8', keys.privateKey));
  return { cert: pem('CERTIFICATE', der), key: pem('PRIVATE KEY', pkcs8) };
}

function ipBytes(address: string): Uint8Array {
  if (isIP(address) === 4) return Uint8Array.from(address.split('.').map(Number));
  if (isIP(address) === 6) {
    const [head = '', tail = ''] = address.split('::');
    const part = (s: string) => (s ? s.split(':') : []);
    const groups = [
      ...part(head),
      ...Array(8 - part(head).length - part(tail).length).fill('0'),
      ...part(tail),
    ];
    return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  throw new Error(`a device certificate names an IP address, not ${address}`);
}

function pem(label: string, der: Buffer): string {
  const body =
    der
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
