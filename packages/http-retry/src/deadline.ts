/** What a reply body is destroyed with when the attempt's deadline passes while it is read. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/** Anything that can be cut off mid-read, such as an undici body. */
interface Destroyable {
  destroy(error?: Error): unknown;
}

/**
 * Bounds the reading of a reply body to what is left of the attempt's deadline: undici's own
 * timeouts bound the wait for the headers and each pause in the body, not the body as a whole,
 * so a body that trickles in would otherwise hold the call. A timer costs far less per call than
 * an AbortSignal handed to undici. Returns the function that cancels the bound.
 */
export function limitBodyTime(body: Destroyable, startedAt: number, timeoutMs: number): () => void {
  const remainingMs = Math.max(0, startedAt + timeoutMs - Date.now());
  const timer = setTimeout(() => body.destroy(new DeadlineExceeded()), remainingMs);
  timer.unref();
  return () => clearTimeout(timer);
}
