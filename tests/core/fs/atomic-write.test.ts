import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/core/fs/atomic-write';
import { fullFolder, unwritableFolder } from '../../../testkit/hostile-folders';
import { tempDir } from '../../helpers/temp-dirs';

const root = tempDir('companion-atomic-');
let n = 0;
const fresh = () => {
  const dir = path.join(root, `case-${n++}`);
  mkdirSync(dir);
  return dir;
};

async function* slowChunks(parts: string[], failAfter?: number): AsyncIterable<Uint8Array> {
  for (const [i, part] of parts.entries()) {
    if (failAfter !== undefined && i === failAfter)
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    yield Buffer.from(part);
  }
}

describe('writeFileAtomic', () => {
  it('writes the whole content with mode 0600 and leaves nothing else behind', async () => {
    const dir = fresh();
    const file = path.join(dir, 'JID123_manifest.bin');
    const seen: number[] = [];
    const bytes = await writeFileAtomic(file, slowChunks(['abc', 'defg']), {
      onChunk: (c) => seen.push(c.length),
    });
    expect(bytes).toBe(7);
    expect(seen).toEqual([3, 4]);
    expect(readFileSync(file, 'utf8')).toBe('abcdefg');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['JID123_manifest.bin']);
  });

  it('refuses to replace an existing file, keeps it intact, and says what to do', async () => {
    const dir = fresh();
    const file = path.join(dir, 'code.txt');
    writeFileSync(file, 'precious');
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({
      code: 'FILE_EXISTS',
      message: expect.stringMatching(/already exists.*choose another folder or name/),
    });
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['code.txt']);
  });

  it('replaces an existing file only when told to', async () => {
    const dir = fresh();
    const file = path.join(dir, 'code.txt');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new', { overwrite: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['code.txt']);
  });

  it('leaves no file and no temp file when the source fails midway', async () => {
    const dir = fresh();
    await expect(
      writeFileAtomic(path.join(dir, 'm.bin'), slowChunks(['a', 'b', 'c'], 2)),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      retryable: true,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('explains a missing folder', async () => {
    const dir = path.join(root, 'does-not-exist');
    await expect(writeFileAtomic(path.join(dir, 'm.bin'), 'x')).rejects.toMatchObject({
      code: 'DESTINATION_UNUSABLE',
      message: `${dir} does not exist. Choose an existing folder.`,
    });
  });

  it('explains a folder it cannot write to, and leaves nothing there', async () => {
    const ro = unwritableFolder();
    try {
      const before = readdirSync(ro.path);
      await expect(writeFileAtomic(path.join(ro.path, 'm.bin'), 'x')).rejects.toMatchObject({
        code: 'DESTINATION_UNUSABLE',
        message: expect.stringContaining('cannot write to'),
      });
      expect(readdirSync(ro.path)).toEqual(before);
    } finally {
      ro.cleanup();
    }
  });

  it('refuses a destination whose folder is a file', async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'plain'), '');
    await expect(writeFileAtomic(path.join(dir, 'plain', 'm.bin'), 'x')).rejects.toMatchObject({
      code: 'DESTINATION_UNUSABLE',
    });
  });

  const full = fullFolder(64);
  afterAll(() => full?.cleanup());
  it.runIf(full !== null)('explains a full drive and leaves no partial file (tmpfs of 64 KiB)', async () => {
    const big = Buffer.alloc(256 * 1024, 7);
    await expect(writeFileAtomic(path.join(full!.path, 'm.bin'), big)).rejects.toMatchObject({
      code: 'DESTINATION_FULL',
      message: expect.stringContaining('not enough free space'),
    });
    expect(readdirSync(full!.path)).toEqual([]);
  });

  describe.runIf(process.platform !== 'win32')('replaces only an ordinary file', () => {
    /** Each makes something at `at` and returns what ends it after the test. */
    const cases: [string, (at: string) => Promise<() => void> | (() => void)][] = [
      ['a named pipe', (at) => (execFileSync('mkfifo', [at]), () => undefined)],
      ['a folder', (at) => (mkdirSync(at), () => undefined)],
      ['a symbolic link', (at) => (symlinkSync('/dev/null', at), () => undefined)],
      [
        'a socket',
        (at) =>
          new Promise((resolve) => {
            const server = net.createServer().listen(at, () => resolve(() => server.close()));
          }),
      ],
    ];
    it.each(cases)('refuses to replace %s, even when told to overwrite', async (kind, make) => {
      const dir = fresh();
      const file = path.join(dir, 'code.txt');
      const end = await make(file);
      try {
        const before = lstatSync(file);
        await expect(writeFileAtomic(file, 'new', { overwrite: true })).rejects.toMatchObject({
          code: 'DESTINATION_UNUSABLE',
          message: `${file} is ${kind}, not an ordinary file, so Snowball Companion will not write there. Choose another name.`,
        });
        const after = lstatSync(file);
        expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
        expect(readdirSync(dir)).toEqual(['code.txt']);
      } finally {
        end();
      }
    });

    it('never writes through a symlink at the last component, and says the name is taken', async () => {
      const dir = fresh();
      const elsewhere = path.join(fresh(), 'target.txt');
      writeFileSync(elsewhere, 'theirs');
      symlinkSync(elsewhere, path.join(dir, 'code.txt'));
      await expect(writeFileAtomic(path.join(dir, 'code.txt'), 'mine')).rejects.toMatchObject({
        code: 'DESTINATION_UNUSABLE',
      });
      expect(readFileSync(elsewhere, 'utf8')).toBe('theirs');
    });
  });

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  it.runIf(process.platform !== 'win32' && !isRoot)(
    'writes into a folder one may write into but not list (held by its identity)',
    async () => {
      const dir = fresh();
      chmodSync(dir, 0o300);
      try {
        await writeFileAtomic(path.join(dir, 'code.txt'), 'x');
      } finally {
        chmodSync(dir, 0o700);
      }
      expect(readdirSync(dir)).toEqual(['code.txt']);
    },
  );

  it('runs the caller’s check on the folder it holds, and writes nothing when the check refuses', async () => {
    const dir = fresh();
    const seen: string[] = [];
    await expect(
      writeFileAtomic(path.join(dir, 'code.txt'), 'x', {
        check: async (folder) => {
          seen.push(folder.path);
          throw new Error('not here');
        },
      }),
    ).rejects.toThrow('not here');
    expect(seen).toEqual([path.resolve(dir)]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'checks again where the folder went when it moved during the write, and undoes a refused write',
    async () => {
      const dir = fresh();
      const moved = path.join(root, `forbidden-${n++}`);
      async function* moveMidway(): AsyncIterable<Uint8Array> {
        yield Buffer.from('a');
        renameSync(dir, moved);
        yield Buffer.from('b');
      }
      const checked: string[] = [];
      await expect(
        writeFileAtomic(path.join(dir, 'code.txt'), moveMidway(), {
          check: async (folder) => {
            checked.push(path.basename(folder.path));
            if (folder.path.includes('forbidden')) throw new Error('refused where it went');
          },
        }),
      ).rejects.toThrow('refused where it went');
      expect(checked).toEqual([path.basename(dir), path.basename(moved)]);
      expect(readdirSync(moved)).toEqual([]);
    },
  );
});
