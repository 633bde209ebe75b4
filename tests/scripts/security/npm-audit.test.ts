import { describe, expect, it } from 'vitest';
import { judgeAudit, type AuditRun } from '../../../scripts/security/npm-audit';

const advisory = (severity: string, name: string, id: string) => ({
  source: 1,
  name,
  title: `${name} is vulnerable`,
  url: `https://github.com/advisories/${id}`,
  severity,
});
const run = (vulnerabilities: Record<string, unknown>): AuditRun => ({
  report: { vulnerabilities } as AuditRun['report'],
  stderr: '',
});
const clean = run({});
const options = { mustCheck: false, exceptions: [] };

describe('the npm-audit gate', () => {
  it('passes a tree with moderate advisories only', () => {
    const shipped = run({ zod: { severity: 'moderate', via: [advisory('moderate', 'zod', 'GHSA-aaaa')] } });
    expect(judgeAudit(shipped, clean, options).status).toBe('pass');
  });

  it('fails on a high advisory in a production dependency, naming it', () => {
    const shipped = run({
      'cbor-x': { severity: 'high', via: [advisory('high', 'cbor-x', 'GHSA-bbbb')] },
      parent: { severity: 'high', via: ['cbor-x'] },
    });
    const result = judgeAudit(shipped, clean, options);
    expect(result.status).toBe('fail');
    expect(result.details).toEqual([
      'high cbor-x: cbor-x is vulnerable (https://github.com/advisories/GHSA-bbbb)',
    ]);
  });

  it('fails on a critical advisory of the Electron runtime, which ships though it is a devDependency', () => {
    const full = run({
      electron: { severity: 'critical', via: [advisory('critical', 'electron', 'GHSA-cccc')] },
      vitest: { severity: 'critical', via: [advisory('critical', 'vitest', 'GHSA-dddd')] },
    });
    const result = judgeAudit(clean, full, options);
    expect(result.status).toBe('fail');
    expect(result.details).toHaveLength(1);
    expect(result.details[0]).toContain('electron');
  });

  it('passes an advisory explained in the exceptions', () => {
    const shipped = run({ 'cbor-x': { severity: 'high', via: [advisory('high', 'cbor-x', 'GHSA-bbbb')] } });
    expect(
      judgeAudit(shipped, clean, { mustCheck: false, exceptions: [{ advisory: 'GHSA-bbbb' }] }).status,
    ).toBe('pass');
  });

  it('says the endpoint was unreachable, without passing, and fails where CI must check', () => {
    const refused: AuditRun = {
      report: {
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      },
      stderr: 'npm error audit endpoint returned an error',
    };
    const local = judgeAudit(refused, refused, options);
    expect(local.status).toBe('unavailable');
    expect(local.summary).toContain('405 Method Not Allowed');
    expect(judgeAudit(refused, refused, { ...options, mustCheck: true }).status).toBe('fail');
    expect(judgeAudit({ report: null, stderr: 'npm error code ENOTFOUND' }, clean, options).status).toBe(
      'unavailable',
    );
  });
});
