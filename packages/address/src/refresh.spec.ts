import { refreshAddresses } from './refresh';
import type { UpNodesOutcome } from './up-nodes-fetcher';
import { normaliseUrls } from './up-nodes-fetcher';

function answers(map: Record<string, UpNodesOutcome>) {
  const asked: string[] = [];
  const fetchFrom = async (url: string) => {
    asked.push(url);
    return map[url] ?? { kind: 'failed' as const, error: new Error(`down: ${url}`) };
  };
  return { asked, fetchFrom };
}

describe('refreshAddresses', () => {
  it('takes the first non-empty node list, asking candidates in turn', async () => {
    const { asked, fetchFrom } = answers({ b: { kind: 'nodes', urls: ['x', 'y'] } });
    await expect(refreshAddresses(['a', 'b', 'c'], fetchFrom)).resolves.toEqual({
      kind: 'updated',
      urls: ['x', 'y'],
    });
    expect(asked).toEqual(['a', 'b']);
  });

  it('keeps the list on an empty answer and falls back on a missing API', async () => {
    const empty = answers({ a: { kind: 'nodes', urls: [] } });
    await expect(refreshAddresses(['a'], empty.fetchFrom)).resolves.toEqual({
      kind: 'kept',
      reason: 'empty',
    });
    const absent = answers({ a: { kind: 'absent' } });
    await expect(refreshAddresses(['a'], absent.fetchFrom)).resolves.toEqual({ kind: 'fallback' });
  });

  it('reports the last error when every candidate fails', async () => {
    const { fetchFrom } = answers({});
    const result = await refreshAddresses(['a', 'b'], fetchFrom);
    expect(result.kind).toBe('failed');
    expect(String((result as { error: unknown }).error)).toContain('down: b');
  });
});

describe('normaliseUrls', () => {
  it('drops trailing slashes, blanks and duplicates, keeping order', () => {
    expect(normaliseUrls(['http://b/ctx/', ' ', 'http://a', 'http://b/ctx'])).toEqual([
      'http://b/ctx',
      'http://a',
    ]);
  });
});
