import type { RecordedFrame, RecordedRequest } from './types.js';

/** Keeps every request and frame a node received, in order, until cleared. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly frames: RecordedFrame[] = [];

  request(entry: RecordedRequest): void {
    this.requests.push(entry);
  }

  frame(entry: RecordedFrame): void {
    this.frames.push(entry);
  }

  clear(): void {
    this.requests.length = 0;
    this.frames.length = 0;
  }
}
