/** Polls `predicate` every 10 ms until it returns a truthy value; rejects after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() >= deadline)
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);

    await new Promise<void>(resolve => setTimeout(resolve, 10).unref());
  }
}
