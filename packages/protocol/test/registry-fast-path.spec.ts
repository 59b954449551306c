import { parseHeartbeatReply, parseWith, registryReplySchema } from '../src/index.js';
import { randomMutants, structuralMutants } from './fuzz/mutations.js';
import { fuzzSeed, Prng } from './fuzz/prng.js';
import { SEEDS } from './fuzz/seeds.js';

/** What a reader gives for `input`: its value, or the code of what it threw. */
function outcomeOf(read: (input: unknown) => unknown, input: unknown): unknown {
  try {
    return { value: read(input) };
  } catch (error) {
    return { threw: (error as { code?: unknown }).code };
  }
}

const throughSchema = (input: unknown): unknown =>
  parseWith(registryReplySchema, input, 'heartbeat reply');

const successes: unknown[] = [
  { responseStatus: { errorCode: 'success' } },
  {
    responseStatus: { errorCode: 'success', status: 'success', message: '' },
    failedInstances: null,
  },
  { responseStatus: { errorCode: 'success', message: null, errorMessage: 'all fine' } },
  { responseStatus: { errorCode: 'success', message: 'kept', errorMessage: 'dropped' } },
  { responseStatus: { errorCode: 'success', status: 'fail' }, failedInstanceKeys: [] },
  { responseStatus: { errorCode: 'success' }, failedInstances: [], extra: { ignored: true } },
];

const nearMisses: unknown[] = [
  { responseStatus: { errorCode: 'success', status: 7 } },
  { responseStatus: { errorCode: 'success', message: ['x'] } },
  { responseStatus: { errorCode: 'success' }, failedInstances: [null] },
  { responseStatus: { errorCode: 'success' }, failedInstanceKeys: {} },
  { responseStatus: { errorCode: 'SUCCESS' } },
  { responseStatus: { status: 'success' } },
  { responseStatus: [] },
  [],
  'success',
  null,
];

describe('the registry reply fast path', () => {
  it.each(successes)('reads a plain success exactly as the schema does: %j', reply => {
    expect(outcomeOf(parseHeartbeatReply, reply)).toEqual(outcomeOf(throughSchema, reply));
    expect(outcomeOf(parseHeartbeatReply, reply)).toHaveProperty('value');
  });

  it.each(nearMisses)('leaves everything else to the schema: %j', reply => {
    expect(outcomeOf(parseHeartbeatReply, reply)).toEqual(outcomeOf(throughSchema, reply));
  });

  it('agrees with the schema on every mutant of every registry reply seed', () => {
    const prng = new Prng(fuzzSeed());
    let compared = 0;

    for (const { label, family, text } of SEEDS) {
      if (family !== 'registry') continue;
      const body: unknown = JSON.parse(text);
      for (const mutant of [...structuralMutants(body), ...randomMutants(body, prng, 100)]) {
        expect({
          label,
          mutant: mutant.label,
          outcome: outcomeOf(parseHeartbeatReply, mutant.input),
        }).toEqual({
          label,
          mutant: mutant.label,
          outcome: outcomeOf(throughSchema, mutant.input),
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
