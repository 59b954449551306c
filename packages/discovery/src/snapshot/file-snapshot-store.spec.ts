import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fileSnapshotStore } from './file-snapshot-store';

describe('fileSnapshotStore', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'artemis-snapshot-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('has nothing to load before the first save', async () => {
    await expect(fileSnapshotStore(join(folder, 'none.json')).load()).resolves.toBeUndefined();
  });

  it('saves into missing folders, owner-only, and loads what it saved', async () => {
    const path = join(folder, 'a', 'b', 'snapshot.json');
    const store = fileSnapshotStore(path);

    await store.save('first');
    await store.save('second');

    await expect(store.load()).resolves.toBe('second');
    expect(await readdir(join(folder, 'a', 'b'))).toEqual(['snapshot.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind when a save fails', async () => {
    // A folder where the file should be: the write succeeds, the rename over it fails.
    const path = join(folder, 'snapshot.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'old');

    await expect(fileSnapshotStore(path).save('new')).rejects.toThrow();

    expect(await readdir(folder)).toEqual(['snapshot.json']);
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('old');
  });

  it('refuses to read a file larger than the limit', async () => {
    const path = join(folder, 'big.json');
    await writeFile(path, 'x'.repeat(100));

    await expect(fileSnapshotStore(path, { maxBytes: 99 }).load()).rejects.toThrow(
      /100 bytes, more than 99/,
    );
    await expect(fileSnapshotStore(path, { maxBytes: 100 }).load()).resolves.toHaveLength(100);
  });
});
