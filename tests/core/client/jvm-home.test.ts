/**
 * The private config home reaches the client only if its JVM takes it as `user.home`. Proven against a
 * real JVM where one is installed: a JVM ignores HOME (it asks the operating system for the account's
 * home) and honours `-Duser.home` in JAVA_TOOL_OPTIONS, also when the path has spaces and when it starts
 * through a launcher script laid out like the client's tarball (bin/snowballEdge starting ../jre/bin/java,
 * developer guide "Downloading and installing the Snowball Edge Client"). The stand-in client reads its
 * profile the same way, so the suite's other tests hold for the real client too.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withJvmHome } from '../../../electron/core/client/client-env';
import { ProfileHomes } from '../../../electron/core/client/profile-home';
import { installFakeSnowball, randomUnlockCode, writeManifest } from '../../helpers/fake-snowball';
import { tempDir } from '../../helpers/temp-dirs';

const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0 ? 'java' : null;
const javaHome = java
  ? path.dirname(
      path.dirname(spawnSync('readlink', ['-f', '/usr/bin/java'], { encoding: 'utf8' }).stdout.trim()),
    )
  : null;

/** A client tarball's layout: bin/snowballEdge, a script that starts the bundled JRE's java. */
function clientLayout(root: string): string {
  const program = path.join(root, 'lib', 'PrintHome.java');
  mkdirSync(path.dirname(program), { recursive: true });
  writeFileSync(
    program,
    'class PrintHome { public static void main(String[] a) { System.out.println(System.getProperty("user.home")); } }\n',
  );
  mkdirSync(path.join(root, 'jre', 'bin'), { recursive: true });
  symlinkSync(path.join(javaHome!, 'bin', 'java'), path.join(root, 'jre', 'bin', 'java'));
  const launcher = path.join(root, 'bin', 'snowballEdge');
  mkdirSync(path.dirname(launcher), { recursive: true });
  writeFileSync(
    launcher,
    '#!/bin/sh\nDIR=$(dirname "$0")\nexec "$DIR/../jre/bin/java" "$DIR/../lib/PrintHome.java" "$@"\n',
  );
  chmodSync(launcher, 0o755);
  return launcher;
}

describe.skipIf(!java)('a real JVM and the private home', () => {
  it('ignores HOME, and takes -Duser.home from JAVA_TOOL_OPTIONS through the launcher script, spaces and all', () => {
    const root = tempDir('companion-jvm-');
    const launcher = clientLayout(root);
    const elsewhere = path.join(root, 'not the home');
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(launcher, [], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });

    const plain = run({ HOME: elsewhere });
    expect(plain.stdout.trim()).toBe(os.userInfo().homedir);
    expect(plain.stdout.trim()).not.toBe(elsewhere);

    const privateHome = path.join(root, 'Snowball Companion', 'client-homes', 'home-1');
    const honoured = run(withJvmHome({ HOME: elsewhere, JAVA_TOOL_OPTIONS: '-Xss2m' }, privateHome));
    expect(honoured.stdout.trim()).toBe(privateHome);
    // The JVM says where its options came from: the line the launcher keeps out of the client's words.
    expect(honoured.stderr).toMatch(/^Picked up JAVA_TOOL_OPTIONS: -Xss2m "-Duser\.home=/m);
  }, 60_000);

  it('a later option source that sets user.home itself is left out, so ours holds', () => {
    const env = withJvmHome(
      { _JAVA_OPTIONS: '-Duser.home=/elsewhere', JDK_JAVA_OPTIONS: '-Xmx1g' },
      '/private/home',
    );
    expect(env).toEqual({ JAVA_TOOL_OPTIONS: '-Duser.home=/private/home', JDK_JAVA_OPTIONS: '-Xmx1g' });
    expect(() => withJvmHome({}, '/with "quote"')).toThrow(/must not contain quotes/);
  });
});

describe('the stand-in client reads its profile as the real client does', () => {
  it('from the JVM home of JAVA_TOOL_OPTIONS, not from HOME', async () => {
    const fake = installFakeSnowball();
    const code = randomUnlockCode();
    const manifest = writeManifest(path.join(fake.root, 'm.bin'), code);
    const homes = new ProfileHomes(path.join(tempDir('companion-homes-'), 'with space', 'client-homes'));
    const home = await homes.create({
      manifestPath: manifest,
      unlockCode: code,
      host: '192.0.2.10',
      deviceIps: [],
    });
    const describe = (env: NodeJS.ProcessEnv) =>
      spawnSync(fake.edge, ['describe-device', '--profile', home.profile], { env, encoding: 'utf8' });

    const viaHome = describe(fake.env({ HOME: home.dir }));
    expect(viaHome.status).toBe(1);
    expect(viaHome.stderr).toMatch(/The profile snowball-companion does not exist/);

    const viaJvm = describe(withJvmHome(fake.env(), home.dir));
    expect(viaJvm.status).toBe(0);
    expect(viaJvm.stdout).toContain('"State" : "LOCKED"');
    expect(fake.calls().at(-1)).toMatchObject({ code: '[code-ok]', codeInArgs: false, home: home.dir });
    await home.remove();
  });
});
