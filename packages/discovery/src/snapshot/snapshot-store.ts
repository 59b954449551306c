/**
 * Where a discovery client keeps the snapshot of its cache between runs. It stores text and
 * knows nothing of its format; `fileSnapshotStore` is the one the SDK ships.
 */
export interface SnapshotStore {
  /** The text saved last; undefined when nothing was saved yet. */
  load(): Promise<string | undefined>;
  /** Replaces the saved text, all of it or nothing. */
  save(text: string): Promise<void>;
}
