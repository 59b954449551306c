import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { SnapshotStore } from './snapshot-store.js';

/** Options of {@link fileSnapshotStore}. */
export interface FileSnapshotStoreOptions {
  /** A larger file is refused when loading, rather than read into memory. @default 64 MiB */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

let writeCounter = 0;

/**
 * A snapshot kept in one file. A save writes a temporary file beside it and renames it over the
 * old one, so a crash in the middle leaves the previous snapshot whole. The file is readable by
 * its owner only: it maps the services of the cluster. Missing folders are created.
 */
export function fileSnapshotStore(
  path: string,
  options: FileSnapshotStoreOptions = {},
): SnapshotStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  return {
    async load(): Promise<string | undefined> {
      try {
        const { size } = await stat(path);
        if (size > maxBytes) {
          throw new RangeError(`the snapshot file is ${size} bytes, more than ${maxBytes}`);
        }
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async save(text: string): Promise<void> {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.${writeCounter++}.tmp`;
      try {
        await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
