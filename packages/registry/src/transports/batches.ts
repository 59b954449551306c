/** Splits `items` into chunks of at most `size` items. */
export function chunkByCount<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * Splits `items` so that each chunk's JSON frame, `{"<field>":[...]}`, stays within `maxBytes`.
 * An item too big to fit alone gets a chunk of its own, for the caller to send another way.
 */
export function chunkByFrameSize<T>(items: readonly T[], field: string, maxBytes: number): T[][] {
  const envelopeBytes = Buffer.byteLength(JSON.stringify({ [field]: [] }), 'utf8');
  const chunks: T[][] = [];
  let current: T[] = [];
  let currentBytes = envelopeBytes;

  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item), 'utf8');
    const separator = current.length > 0 ? 1 : 0;
    if (current.length > 0 && currentBytes + separator + itemBytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = envelopeBytes;
    }
    currentBytes += (current.length > 0 ? 1 : 0) + itemBytes;
    current.push(item);
  }

  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Runs `task` over every item with at most `limit` running at once; keeps the input order. */
export async function settleWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<Array<PromiseSettledResult<R>>> {
  // One request is the common case (a batch within the request limit): no workers needed.
  if (items.length === 1) return [await settle(() => task(items[0] as T))];

  const results: Array<PromiseSettledResult<R>> = new Array(items.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await settle(() => task(items[index] as T));
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function settle<R>(work: () => Promise<R>): Promise<PromiseSettledResult<R>> {
  try {
    return { status: 'fulfilled', value: await work() };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}
