/**
 * The CI and release workflows: they parse as YAML, run on the three desktop platforms, and name only
 * npm scripts that exist. The release runs the same e2e specs under Electron (Linux under xvfb-run) and
 * keeps the installers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './builder';

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix?: { os?: string[] } }; steps: Step[] }>;
}

const dir = path.join(PROJECT_ROOT, '.github', 'workflows');
const scripts = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const load = (file: string) => parse(readFileSync(path.join(dir, file), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

/** `npm test`, `npm run x`, `npm start` …: the script each command line asks npm for. */
function npmScripts(command: string): string[] {
  return [...command.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([\w:-]+)|(test|start|stop|restart)\b)/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('the workflows', () => {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  it('are ci.yml and release.yml', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s parses as YAML and names only scripts package.json has', (file) => {
    const workflow = load(file);
    expect(workflow.name).toBeTruthy();
    const named = steps(workflow).flatMap((step) => npmScripts(step.run ?? ''));
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(scripts, `npm script "${script}" in ${file}`).toHaveProperty(script);
  });

  it.each(files)('%s runs on Linux, macOS and Windows with npm ci and npm test', (file) => {
    const workflow = load(file);
    for (const job of Object.values(workflow.jobs)) {
      expect(job.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    }
    const runs = steps(workflow).map((s) => s.run ?? '');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm test');
  });

  it('release runs the e2e specs under Electron (xvfb on Linux), then builds and uploads the installers', () => {
    const release = steps(load('release.yml'));
    const e2e = release.filter((s) => s.env?.COMPANION_E2E_LAUNCHER === 'electron');
    expect(e2e.map((s) => s.run)).toEqual(['xvfb-run -a npm run e2e', 'npm run e2e']);
    expect(e2e[0]!.if).toBe("runner.os == 'Linux'");
    const order = release.map((s) => s.run ?? s.uses ?? '');
    expect(order.indexOf('npm run dist')).toBeGreaterThan(order.indexOf('npm test'));
    const upload = release.find(
      (s) => s.uses?.startsWith('actions/upload-artifact') && String(s.with?.path).includes('dist/'),
    );
    expect(String(upload?.with?.path)).toMatch(/AppImage[\s\S]*deb[\s\S]*dmg[\s\S]*exe/);
  });

  it('the script-name check can fail', () => {
    expect(npmScripts('npm run not-a-script && npm test')).toEqual(['not-a-script', 'test']);
    expect(scripts).not.toHaveProperty('not-a-script');
  });
});
