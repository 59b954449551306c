import { chunkByCount, chunkByFrameSize, settleWithLimit } from './batches';

describe('chunkByCount', () => {
  it('splits into chunks of at most the given size, keeping the order', () => {
    expect(chunkByCount([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkByCount([], 2)).toEqual([]);
  });
});

describe('chunkByFrameSize', () => {
  const item = (id: number) => ({ id, pad: 'x'.repeat(40) });

  it('keeps each frame, envelope included, within the byte limit', () => {
    const items = Array.from({ length: 50 }, (_, index) => item(index));

    const chunks = chunkByFrameSize(items, 'instances', 300);

    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(Buffer.byteLength(JSON.stringify({ instances: chunk }))).toBeLessThanOrEqual(300);
    }
    expect(chunks.flat()).toEqual(items);
  });

  it('gives an item too big for any frame a chunk of its own', () => {
    const big = { id: 1, pad: 'y'.repeat(500) };

    expect(chunkByFrameSize([item(0), big, item(2)], 'instances', 300)).toEqual([
      [item(0)],
      [big],
      [item(2)],
    ]);
  });

  it('counts multi-byte characters as bytes', () => {
    const wide = { id: 1, name: 'é'.repeat(60) };

    const chunks = chunkByFrameSize([wide, wide], 'instances', 200);

    expect(chunks).toHaveLength(2);
  });
});

describe('settleWithLimit', () => {
  it('runs at most `limit` tasks at once and settles each in input order', async () => {
    let running = 0;
    let peak = 0;

    const results = await settleWithLimit([1, 2, 3, 4, 5], 2, async value => {
      running++;
      peak = Math.max(peak, running);
      await new Promise(resolve => setImmediate(resolve));
      running--;
      if (value === 3) throw new Error('three');
      return value * 10;
    });

    expect(peak).toBe(2);
    expect(results.map(result => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[4]).toEqual({ status: 'fulfilled', value: 50 });
  });

  it('settles a single task, fulfilled or not, even one that throws before it is a promise', async () => {
    expect(await settleWithLimit([2], 4, async value => value * 10)).toEqual([
      { status: 'fulfilled', value: 20 },
    ]);
    const failure = new Error('sync');
    const throwing = (): Promise<number> => {
      throw failure;
    };
    expect(await settleWithLimit([1], 4, throwing)).toEqual([
      { status: 'rejected', reason: failure },
    ]);
    expect(await settleWithLimit([1, 2], 4, throwing)).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
  });
});
