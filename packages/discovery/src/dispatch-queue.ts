/** What the queue does with an error thrown by a job. */
export type JobErrorHandler = (error: unknown) => void;

/**
 * Runs jobs asynchronously, one at a time and in the order they were queued, so listeners see
 * changes in order and never inside the cache's own code. A job that throws is reported and the
 * next one still runs.
 */
export class DispatchQueue {
  #jobs: Array<() => void> = [];
  #draining = false;
  readonly #onError: JobErrorHandler;

  constructor(onError: JobErrorHandler) {
    this.#onError = onError;
  }

  get pending(): number {
    return this.#jobs.length;
  }

  enqueue(job: () => void): void {
    this.#jobs.push(job);
    if (this.#draining) return;

    this.#draining = true;
    queueMicrotask(() => this.#drain());
  }

  /** Drops every job not yet run. */
  clear(): void {
    this.#jobs = [];
  }

  #drain(): void {
    // Jobs queued while draining run in this same pass, after the ones before them.
    for (let index = 0; index < this.#jobs.length; index++) {
      const job = this.#jobs[index];
      try {
        job?.();
      } catch (error) {
        this.#onError(error);
      }
    }
    this.#jobs = [];
    this.#draining = false;
  }
}
