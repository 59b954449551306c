import type { Instance } from '@artemis/protocol';

import { FilterChain } from './filter-chain';
import { byStatus } from './built-ins/by-status';
import { nameFilter } from './instance-filter';

const instance = (instanceId: string, status = 'up'): Instance => ({
  serviceId: 'demo',
  instanceId,
  status,
});

describe('FilterChain', () => {
  it('runs filters in order and leaves the input list untouched', () => {
    const order: string[] = [];
    const chain = new FilterChain([
      nameFilter('first', (list: readonly Instance[]) => {
        order.push('first');
        return list.filter(entry => entry.instanceId !== 'a');
      }),
      {
        name: 'second',
        filter: list => {
          order.push('second');
          return list.filter(entry => entry.instanceId !== 'b');
        },
      },
    ]);
    const input = [instance('a'), instance('b'), instance('c')];

    expect(chain.apply(input).map(entry => entry.instanceId)).toEqual(['c']);
    expect(order).toEqual(['first', 'second']);
    expect(input).toHaveLength(3);
    expect(chain.names).toEqual(['first', 'second']);
  });

  it('isolates a throwing filter and goes on with the list as it was before it', () => {
    const logged: unknown[] = [];
    const reported: string[] = [];
    const chain = new FilterChain(
      [
        byStatus('up'),
        {
          name: 'broken',
          filter: list => {
            (list as Instance[]).pop();
            throw new Error('boom');
          },
        },
        nameFilter('last', (list: readonly Instance[]) => list.slice(0, 5)),
      ],
      {
        logger: { debug() {}, info() {}, warn: (...args) => logged.push(args), error() {} },
        onFilterError: event => reported.push(event.name),
      },
    );
    const events: unknown[] = [];
    chain.events.on('filter-error', event => events.push(event));

    const result = chain.apply([instance('a'), instance('b'), instance('c', 'down')]);

    expect(result.map(entry => entry.instanceId)).toEqual(['a', 'b']);
    expect(reported).toEqual(['broken']);
    expect(events).toEqual([
      expect.objectContaining({
        name: 'broken',
        error: expect.objectContaining({ code: 'ARTEMIS_FILTER_FAILED', filterName: 'broken' }),
      }),
    ]);
    expect(logged).toHaveLength(1);
  });

  it('treats a filter that returns something other than an array as failed', () => {
    const chain = new FilterChain([
      { name: 'bad', filter: () => undefined as unknown as Instance[] },
    ]);
    const errors: string[] = [];
    chain.events.on('filter-error', event => errors.push(event.error.code));

    expect(chain.apply([instance('a')])).toHaveLength(1);
    expect(errors).toEqual(['ARTEMIS_FILTER_FAILED']);
  });

  it('reports each filter time, also for a filter that failed', () => {
    const timings: Array<{ name: string; durationMs: number }> = [];
    const callbackTimings: string[] = [];
    const chain = new FilterChain(
      [
        byStatus('up'),
        {
          name: 'throws',
          filter: () => {
            throw new Error('x');
          },
        },
      ],
      { onFilterTiming: event => callbackTimings.push(event.name) },
    );
    chain.events.on('filter-timing', event => timings.push(event));

    chain.apply([instance('a')]);

    expect(timings.map(entry => entry.name)).toEqual(['byStatus(up)', 'throws']);
    expect(callbackTimings).toEqual(['byStatus(up)', 'throws']);
    for (const timing of timings) expect(timing.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('survives throwing callbacks and listeners', () => {
    const chain = new FilterChain(
      [
        {
          name: 'throws',
          filter: () => {
            throw new Error('x');
          },
        },
      ],
      {
        onFilterError: () => {
          throw new Error('callback');
        },
        onFilterTiming: () => {
          throw new Error('callback');
        },
      },
    );
    chain.events.on('filter-error', () => {
      throw new Error('listener');
    });

    expect(chain.apply([instance('a')])).toHaveLength(1);
  });

  it('names anonymous filters by position and rejects what is not a filter', () => {
    const chain = new FilterChain([(list: readonly Instance[]) => [...list]]);
    expect(chain.names).toEqual(['filter-0']);
    expect(() => new FilterChain([42 as unknown as never])).toThrow(
      expect.objectContaining({ code: 'ARTEMIS_INVALID_FILTER', index: 0 }),
    );
  });

  it('with no filters returns a copy of the input', () => {
    const input = [instance('a')];
    const result = new FilterChain().apply(input);
    expect(result).toEqual(input);
    expect(result).not.toBe(input);
  });
});
