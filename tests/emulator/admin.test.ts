import { request as httpRequest } from 'node:http';
import {
  GetJobManifestCommand,
  GetJobUnlockCodeCommand,
  InvalidJobStateException,
} from '@aws-sdk/client-snowball';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost } from '../../emulator/admin';
import { ADMIN_SECRET_HEADER, start } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { admin, must, rejectionOf, snowball } from './helpers';

let emu: Emulator;

beforeAll(async () => {
  emu = await start({ seed: 'admin' });
});
afterAll(async () => {
  await emu.stop();
});

function rawAdmin(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${emu.url}/__admin/demo`);
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('admin route access', () => {
  it('recognises loopback addresses only', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of [
      '10.0.0.5',
      '192.168.1.20',
      '::ffff:192.168.1.2',
      '0.0.0.0',
      '1270.0.0.1',
      'fe80::1',
      '',
      undefined,
    ]) {
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    }
    for (const h of ['127.0.0.1:4566', 'localhost:4566', '[::1]:4566', 'localhost'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['evil.example:4566', '192.168.1.2:4566', '127.0.0.1.evil.example', undefined])
      expect(isLoopbackHost(h), String(h)).toBe(false);
  });

  it('refuses requests a web page could forge: foreign Host (DNS rebinding) or any Origin', async () => {
    const secret = { [ADMIN_SECRET_HEADER]: emu.adminSecret };
    expect(await rawAdmin(secret)).toBe(200);
    expect(await rawAdmin({ ...secret, Host: 'rebind.example:80' })).toBe(403);
    expect(await rawAdmin({ ...secret, Origin: 'http://localhost:3000' })).toBe(403);
  });

  it("answers only with this launch's secret, which differs per launch", async () => {
    expect(await rawAdmin({})).toBe(403);
    expect(await rawAdmin({ [ADMIN_SECRET_HEADER]: 'guess' })).toBe(403);
    const other = await start({ seed: 'admin' });
    try {
      expect(other.adminSecret).not.toBe(emu.adminSecret);
      expect(other.adminSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await rawAdmin({ [ADMIN_SECRET_HEADER]: other.adminSecret })).toBe(403);
      const refused = await fetch(`${emu.url}/__admin/jobs/${emu.demo.jobs.warehouse3}/secrets`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toMatch(/[a-z0-9]{5}(-[a-z0-9]{5}){4}/);
    } finally {
      await other.stop();
    }
    // The in-process API needs no secret.
    expect((await emu.jobSecrets(must(emu.demo.jobs.warehouse3))).unlockCode).toMatch(/^[a-z0-9-]{29}$/);
  });
});

describe('admin controls', () => {
  it('reports the demo ids', async () => {
    const res = await admin(emu, 'GET', '/demo');
    expect(res.json.clusterId).toBe(emu.demo.clusterId);
    expect(res.json.exportMasterJobId).toBe(emu.demo.exportMasterJobId);
    expect((await admin(emu, 'GET', '')).json.routes).toEqual(expect.arrayContaining(['GET /__admin/demo']));
  });

  it('moves a job to WithCustomer, after which GetJobManifest works', async () => {
    const jobId = must(emu.demo.jobs.breweryTelemetry);
    const client = snowball(emu, 'eu-west-1');
    expect(await rejectionOf(client.send(new GetJobManifestCommand({ JobId: jobId })))).toBeInstanceOf(
      InvalidJobStateException,
    );
    const moved = await admin(emu, 'POST', `/jobs/${jobId}/state`, { state: 'WithCustomer' });
    expect(moved.json).toEqual({ jobId, previousState: 'PreparingShipment', state: 'WithCustomer' });
    const url = must((await client.send(new GetJobManifestCommand({ JobId: jobId }))).ManifestURI);
    expect((await fetch(url)).status).toBe(200);
    expect((await admin(emu, 'GET', `/jobs/${jobId}`)).json.state).toBe('WithCustomer');
    // And back, in-process.
    expect(emu.setJobState(jobId, 'PreparingShipment')).toBe('WithCustomer');
    expect(emu.job(jobId)?.state).toBe('PreparingShipment');
  });

  it('returns a job unlock code and manifest digest', async () => {
    const jobId = must(emu.demo.jobs.seismicSurvey);
    const res = await admin(emu, 'GET', `/jobs/${jobId}/secrets`);
    const code = (await snowball(emu, 'us-west-2').send(new GetJobUnlockCodeCommand({ JobId: jobId })))
      .UnlockCode;
    expect(res.json).toEqual({
      jobId,
      unlockCode: code,
      manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      manifestBytes: 48 * 1024,
    });
  });

  it('advances and sets the clock', async () => {
    const before = (await admin(emu, 'GET', '/clock')).json;
    const after = (await admin(emu, 'POST', '/clock', { advanceMs: 90_000 })).json;
    expect((after.now as number) - (before.now as number)).toBeGreaterThanOrEqual(90_000);
    expect((after.now as number) - (before.now as number)).toBeLessThan(95_000);
    const set = (await admin(emu, 'POST', '/clock', { set: '2030-01-01T00:00:00Z' })).json;
    expect(Math.abs((set.now as number) - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(1000);
    emu.setClock(Date.now());
    expect(Math.abs(emu.now() - Date.now())).toBeLessThan(1000);
  });

  it('answers bad input with 4xx JSON', async () => {
    expect(
      (await admin(emu, 'POST', `/jobs/${emu.demo.clusterJobIds[0]}/state`, { state: 'Lost' })).status,
    ).toBe(400);
    expect((await admin(emu, 'GET', '/jobs/JID00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await admin(emu, 'GET', '/nope')).status).toBe(404);
    expect((await admin(emu, 'POST', '/clock', { advanceMs: 'soon' })).status).toBe(400);
  });

  it('keeps admin calls out of the request log', async () => {
    emu.resetRequests();
    await admin(emu, 'GET', '/demo');
    expect(emu.requests()).toEqual([]);
  });
});
