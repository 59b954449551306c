import type { RecordedFrame, RecordedRequest } from './types.js';

/** Keeps the requests and frames a node received, in order, up to a limit each, until cleared. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly frames: RecordedFrame[] = [];
  readonly #maxEntries: number;

  /** @param maxEntries how many requests, and how many frames, to keep; the oldest go first */
  constructor(maxEntries = Infinity) {
    this.#maxEntries = maxEntries;
  }

  request(entry: RecordedRequest): void {
    this.requests.push(entry);
    trim(this.requests, this.#maxEntries);
  }

  frame(entry: RecordedFrame): void {
    this.frames.push(entry);
    trim(this.frames, this.#maxEntries);
  }

  clear(): void {
    this.requests.length = 0;
    this.frames.length = 0;
  }
}

function trim(entries: unknown[], maxEntries: number): void {
  if (entries.length > maxEntries) entries.splice(0, entries.length - maxEntries);
}
