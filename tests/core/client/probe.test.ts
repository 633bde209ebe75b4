/**
 * Probing the device: a real TCP connect against a local listener (open), a closed port (refused), a
 * name that does not resolve and a connect that never completes; hints for each; addresses refused.
 */
import { createServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDeviceHost, endpointOf } from '../../../electron/core/client/device-address';
import { MANAGEMENT_PORT, outcomeOf } from '../../../electron/core/client/probe';
import { SnowballClientLauncher } from '../../../electron/core/client/snowball-client-launcher';

let server: Server;
let openPort: number;
let closedPort: number;

async function listen(): Promise<Server> {
  const s = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return s;
}

beforeAll(async () => {
  server = await listen();
  openPort = (server.address() as AddressInfo).port;
  // A port that was just free: nothing listens there now.
  const closed = await listen();
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const probe = (host: string, options: ConstructorParameters<typeof SnowballClientLauncher>[0] = {}) =>
  new SnowballClientLauncher({ env: {}, probeTimeoutMs: 500, ...options }).probe(host);

describe('probing the device’s management port', () => {
  it('checks port 9091 unless told otherwise', () => {
    expect(MANAGEMENT_PORT).toBe(9091);
  });

  it('says open, with the time it took, when the device answers', async () => {
    const result = await probe('127.0.0.1', { probePort: openPort });
    expect(result).toMatchObject({ host: '127.0.0.1', port: openPort, outcome: 'open', hints: [] });
    expect(result.message).toBe(`The device at 127.0.0.1 answers on port ${openPort}.`);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(500);
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
