/**
 * Probing the device: a real TCP connect and HTTP request against local listeners (a management endpoint
 * that answers HTTP, one that answers HTTPS with a self-signed certificate, something that is not a
 * Snowball), a closed port (refused), a name that does not resolve, a connect that never completes and a
 * "no route" that arrives just after the time limit; hints for each; addresses refused.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import path from 'node:path';
import { tempDir } from '../../helpers/temp-dirs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDeviceHost, endpointOf } from '../../../electron/core/client/device-address';
import { MANAGEMENT_PORT, outcomeOf } from '../../../electron/core/client/probe';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';

let server: Server;
let openPort: number;
let closedPort: number;

async function listen(s: Server = createServer((socket) => socket.end())): Promise<Server> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return s;
}
const portOf = (s: Server) => (s.address() as AddressInfo).port;

beforeAll(async () => {
  // A management endpoint: it answers an HTTP request.
  server = await listen(createHttpServer((_req, res) => res.end('{}')) as unknown as Server);
  openPort = portOf(server);
  // A port that was just free: nothing listens there now.
  const closed = await listen();
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const probe = (host: string, options: ConstructorParameters<typeof SnowballClientLauncher>[0] = {}) =>
  new SnowballClientLauncher({ env: {}, probeTimeoutMs: 500, ...options }).probe(host);

describe('probing the device’s management port', () => {
  it('checks port 9091 unless told otherwise', async () => {
    expect(MANAGEMENT_PORT).toBe(9091);
    // A name that does not resolve: the port it would have asked is reported, and nothing is connected to.
    const notFound: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    expect(await probe('snowball-7.lan', { lookup: notFound })).toMatchObject({
      port: 9091,
      outcome: 'name-not-found',
    });
  });

  it('says open, with the time it took, when a management endpoint answers over HTTP', async () => {
    const result = await probe('127.0.0.1', { probePort: openPort });
    expect(result).toMatchObject({
      host: '127.0.0.1',
      port: openPort,
      outcome: 'open',
      detail: 'HTTP 200',
      hints: [],
    });
    expect(result.message).toBe(
      `The device at 127.0.0.1 answers on port ${openPort}: its management endpoint replied (HTTP 200).`,
    );
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(500);
  });

  it('accepts an endpoint that answers over HTTPS with a self-signed certificate', async () => {
    const dir = tempDir('companion-tls-');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=192.0.2.10',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const tls = await listen(
      createHttpsServer(
        { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
        (_req, res) => res.end('{}'),
      ) as unknown as Server,
    );
    const result = await probe('127.0.0.1', { probePort: portOf(tls) });
    tls.close();
    expect(result).toMatchObject({ outcome: 'open', detail: 'HTTPS 200' });
  });

  it('says something answers but does not look like a Snowball when it does not speak HTTP', async () => {
    const ssh = await listen(createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian\r\n')));
    const silent = await listen(createServer(() => undefined));
    const banner = await probe('127.0.0.1', { probePort: portOf(ssh) });
    const quiet = await probe('127.0.0.1', { probePort: portOf(silent) });
    ssh.close();
    silent.close();
    for (const result of [banner, quiet]) {
      expect(result.outcome).toBe('not-snowball');
      expect(result.message).toMatch(/answers on port \d+, but it does not look like a Snowball/);
      expect(result.hints[0]).toMatch(/LCD display/);
    }
    expect(banner.detail).toBe('SSH-2.0-OpenSSH_9.2p1 Debian');
  });

  it('reports the kind of failure the system gives, even when it arrives just after the time limit', async () => {
    // As ARP gives up after about three seconds: "no route to host" comes after a 150 ms limit.
    const lateNoRoute: LookupFunction = (_host, _options, callback) =>
      setTimeout(
        () => callback(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }), '', 4),
        250,
      );
    const result = await probe('snowball.example', { probeTimeoutMs: 150, lookup: lateNoRoute });
    expect(result).toMatchObject({ outcome: 'unreachable', detail: 'EHOSTUNREACH' });
    expect(result.message).toBe(
      'There is no network path to snowball.example from this computer (no route to the host).',
    );
  });

  it('says refused for a closed port, hinting that the device may still be booting', async () => {
    const result = await probe('127.0.0.1', { probePort: closedPort });
    expect(result).toMatchObject({ outcome: 'refused', latencyMs: null });
    expect(result.message).toMatch(/refused a connection on port \d+: the device may still be starting/);
    expect(result.hints[0]).toMatch(/about ten minutes to start/);
  });

  it('says timeout when nothing answers in time, with the on-site hints', async () => {
    // A name lookup that never finishes holds the connect open like a silent network does.
    const never: LookupFunction = () => undefined;
    const started = Date.now();
    const result = await probe('snowball.example', {
      probePort: openPort,
      probeTimeoutMs: 150,
      probeGraceMs: 100,
      lookup: never,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.outcome).toBe('timeout');
    const hints = result.hints.join('\n');
    expect(hints).toMatch(/LCD display, on the Connections tab/);
    expect(hints).toMatch(/same network \(subnet\)/);
    expect(hints).toMatch(/ports 9091, 8080 and 8443 in your firewall or antivirus/);
    expect(hints).toMatch(/1 Gb\/s or faster/);
    expect(hints).toMatch(/about ten minutes/);
  });

  it('says name-not-found for a name that does not resolve', async () => {
    const notFound: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    const result = await probe('snowball-7.lan', { lookup: notFound });
    expect(result.outcome).toBe('name-not-found');
    expect(result.message).toMatch(/snowball-7\.lan could not be found: use the device’s IP address/);
  });

  it('maps socket errors to words', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(outcomeOf(err('ECONNREFUSED'))).toBe('refused');
    expect(outcomeOf(err('EHOSTUNREACH'))).toBe('unreachable');
    expect(outcomeOf(err('ENETUNREACH'))).toBe('unreachable');
    expect(outcomeOf(err('ETIMEDOUT'))).toBe('timeout');
    expect(outcomeOf(err('EAI_AGAIN'))).toBe('name-not-found');
  });
});

describe('the device address', () => {
  it.each(['192.168.1.50', 'fd00::10', '[fd00::10]', 'snowball-1.lan', ' 10.0.0.7 '])(
    'accepts %j',
    (host) => {
      expect(() => assertDeviceHost(host)).not.toThrow();
    },
  );

  it.each(['192.168.1.300', '', 'http://10.0.0.1', '10.0.0.1:9091', 'a b', '-rf', 'x'.repeat(254)])(
    'refuses %j with INVALID_ADDRESS and what to do',
    async (host) => {
      await expect(probe(host)).rejects.toMatchObject({
        code: 'INVALID_ADDRESS',
        message: expect.stringMatching(/LCD display \(Connections tab\)/),
      });
    },
  );

  it('refuses an unlock code typed in the address field, without sending or repeating it', async () => {
    const code = 'abcde-12345-fghij-67890-klmno';
    const error = await probe(code).catch((e: Error) => e);
    expect(error).toMatchObject({
      code: 'INVALID_ADDRESS',
      message: expect.stringMatching(/looks like the unlock code/),
    });
    expect((error as Error).message).not.toContain(code);
  });

  it('makes the endpoint the client expects', () => {
    expect(endpointOf('192.0.2.1')).toBe('https://192.0.2.1');
    expect(endpointOf('fd00::10')).toBe('https://[fd00::10]');
    expect(assertDeviceHost('[fd00::10]')).toBe('fd00::10');
  });
});
