/**
 * Private, temporary config homes: how the unlock code reaches the Snowball client without ever being
 * in a process's arguments. Each run gets a fresh folder (0700) under one root the app owns, holding the
 * client's own profile file (`.aws/snowball/config/snowball-edge.config`, 0600, the JSON that
 * `snowballEdge configure` writes, developer guide "Configuring a profile for the Snowball Edge
 * Client"); the client is pointed at it with `--profile NAME` and a JVM home (client-env.ts). The folder
 * goes when the run ends, is cancelled or the app quits, and a crash's leftovers are swept at start-up.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app-error';
import { withJvmHome } from './client-env';
import { snowballConfigFile } from './configure-client';
import { endpointOf } from './device-address';

/** What a profile holds: the fields of the documented profile file. */
export interface SnowballProfile {
  manifestPath: string;
  unlockCode: string;
  /** The device's (or one cluster node's) address; the endpoint is https:// and it. */
  host: string;
  /** Every node of a cluster ([] for a device). */
  deviceIps: string[];
  jobId?: string;
}

export interface ProfileHome {
  /** The folder the client's JVM takes as its home. */
  readonly dir: string;
  /** The name to pass with --profile: the profile whose endpoint is the first address. */
  readonly profile: string;
  /**
   * One profile per address of a cluster, in the order given (the first is `profile`): the guide keeps a
   * profile per endpoint to manage a cluster from different nodes, and any node reports every node.
   */
  readonly profiles: readonly string[];
  /** Removes the folder and everything in it; harmless twice. */
  remove(): Promise<void>;
}

const PROFILE_NAME = 'snowball-companion';
const HOME_PREFIX = 'home-';

export class ProfileHomes {
  private readonly live = new Set<string>();

  /** `root`: a folder only this app uses (in its data folder), created 0700 when needed. */
  constructor(
    readonly root: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Removes what a crash left behind; returns how many homes it found. */
  async sweep(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    const leftovers = names.filter(
      (n) => n.startsWith(HOME_PREFIX) && !this.live.has(path.join(this.root, n)),
    );
    await Promise.all(leftovers.map((n) => rm(path.join(this.root, n), { recursive: true, force: true })));
    return leftovers.length;
  }

  async create(profile: SnowballProfile): Promise<ProfileHome> {
    await this.ensureRoot();
    const dir = await mkdtemp(path.join(this.root, `${HOME_PREFIX}${randomBytes(3).toString('hex')}-`));
    this.live.add(dir);
    const remove = async () => {
      this.live.delete(dir);
      await rm(dir, { recursive: true, force: true });
    };
    try {
      // A home the JVM's option parser cannot take (a quote in its path) fails here, before any client runs.
      withJvmHome({}, dir);
      await chmod(dir, 0o700);
      const file = snowballConfigFile(dir, this.platform);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // O_EXCL: never through a link or over a file someone placed there.
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(profileFile(profile), null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await remove();
      throw error;
    }
    const profiles = endpointsOf(profile).map((_, i) => profileName(i));
    return { dir, profile: PROFILE_NAME, profiles, remove };
  }

  /** At quit: every home still there goes now, before the process ends. */
  removeAllSync(): void {
    for (const dir of this.live) rmSync(dir, { recursive: true, force: true });
    this.live.clear();
  }

  /** The root exists, is a real folder (not a link) and only its owner can enter it. */
  private async ensureRoot(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const info = await lstat(this.root);
    if (!info.isDirectory()) {
      throw new AppError(
        'UNLOCK_FAILED',
        `${this.root} is not a folder, so the client's private profile cannot be made there. Move it away and try again.`,
      );
    }
    if (this.platform !== 'win32' && (info.mode & 0o077) !== 0) await chmod(this.root, 0o700);
  }
}

const profileName = (i: number) => (i === 0 ? PROFILE_NAME : `${PROFILE_NAME}-${i + 1}`);

/** The first address, then every other node's. */
function endpointsOf(p: SnowballProfile): string[] {
  return [p.host, ...p.deviceIps.filter((ip) => ip !== p.host)];
}

/** The profile file as `configure` writes it: {"version":1,"profiles":{NAME:{…}}}, one per endpoint. */
function profileFile(p: SnowballProfile): unknown {
  const cluster = p.deviceIps.length > 1;
  const entries = endpointsOf(p).map((host, i) => [
    profileName(i),
    {
      name: profileName(i),
      ...(p.jobId ? { jobId: p.jobId } : {}),
      unlockCode: p.unlockCode,
      manifestPath: p.manifestPath,
      defaultEndpoint: endpointOf(host),
      isCluster: cluster,
      deviceIps: cluster ? p.deviceIps : [],
    },
  ]);
  return { version: 1, profiles: Object.fromEntries(entries) };
}
