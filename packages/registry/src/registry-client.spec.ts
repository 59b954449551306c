import { ConfigStore } from '@artemis/config';
import { instanceIdentity } from '@artemis/protocol';
import type { RegistrationInstance } from '@artemis/protocol';
import { ManualClock } from '@artemis/testing';

import { sampleInstance } from '../test/sample-instance';
import { RegistryClient } from './registry-client';
import type { HeartbeatOutcome, RegisterOutcome, RegistryTransport } from './registry-transport';

const instance = sampleInstance;

function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason)),
  );
}

/** A fake server behind the transport port: it keeps leases and records every call. */
class FakeTransport implements RegistryTransport {
  readonly leases = new Set<string>();
  readonly calls: Array<{ op: string; ids: string[] }> = [];
  failHeartbeats = false;
  hangUnregister = false;
  hangRegister = false;
  refuse = new Set<string>();
  closed = false;

  async register(
    instances: readonly RegistrationInstance[],
    signal: AbortSignal,
  ): Promise<RegisterOutcome> {
    this.calls.push({ op: 'register', ids: instances.map(i => i.instanceId) });
    if (this.hangRegister) await hangUntilAborted(signal);
    const accepted = instances.filter(i => !this.refuse.has(i.instanceId));
    for (const entry of accepted) this.leases.add(instanceIdentity(entry));
    const failed = instances
      .filter(i => this.refuse.has(i.instanceId))
      .map(i => ({ instance: i, errorCode: 'no-permission' }));
    return { accepted, failed };
  }

  async heartbeat(instances: readonly RegistrationInstance[]): Promise<HeartbeatOutcome> {
    this.calls.push({ op: 'heartbeat', ids: instances.map(i => i.instanceId) });
    if (this.failHeartbeats) throw new Error('connection refused');
    const known = (i: RegistrationInstance) => this.leases.has(instanceIdentity(i));
    return {
      acknowledged: instances.filter(known),
      lost: instances.filter(i => !known(i)),
      refused: [],
      errors: [],
      requests: 1,
      url: 'http://node-a',
    };
  }

  async unregister(instances: readonly RegistrationInstance[], signal: AbortSignal): Promise<void> {
    this.calls.push({ op: 'unregister', ids: instances.map(i => i.instanceId) });
    if (this.hangUnregister) await hangUntilAborted(signal);
    for (const entry of instances) this.leases.delete(instanceIdentity(entry));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  count(op: string, id?: string): number {
    return this.calls.filter(c => c.op === op && (id === undefined || c.ids.includes(id))).length;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

function setUp(options: { intervalMs?: number; ttlMs?: number } = {}) {
  const config = new ConfigStore(
    {
      serverUrls: ['http://127.0.0.1:1'],
      heartbeatIntervalMs: options.intervalMs ?? 40,
      heartbeatTtlMs: options.ttlMs ?? 400,
      shutdownTimeoutMs: 1_000,
    },
    {},
  );
  const transport = new FakeTransport();
  const markedDown: string[] = [];
  const addresses = {
    current: () => 'http://node-a',
    markDown: (url: string) => markedDown.push(url),
  };
  return { config, transport, markedDown, addresses };
}

describe('RegistryClient', () => {
  it('registers at once, then keeps every instance alive in one batch per beat', async () => {
    const { config, transport } = setUp();
    const client = new RegistryClient({ transport, config });
    const acks: number[] = [];
    client.events.on('heartbeat-acknowledged', beat => acks.push(beat.count));

    const result = await client.register([instance('a'), instance('b')]);

    expect(result.registered.map(i => i.instanceId)).toEqual(['a', 'b']);
    expect(transport.calls[0]).toEqual({ op: 'register', ids: ['a', 'b'] });
    await waitFor(() => acks.length >= 2);
    expect(acks[0]).toBe(2);
    expect(transport.calls.filter(c => c.op === 'heartbeat').every(c => c.ids.length === 2)).toBe(
      true,
    );
    await client.close();
  });

  it('names every missing field and sends nothing for an invalid instance', async () => {
    const { config, transport } = setUp();
    const client = new RegistryClient({ transport, config });
    const incomplete: Partial<RegistrationInstance> = instance('a');
    delete incomplete.url;
    delete incomplete.zoneId;

    await expect(client.register([instance('b'), incomplete])).rejects.toMatchObject({
      code: 'ARTEMIS_INVALID_INSTANCE',
      missing: ['instances[1].zoneId', 'instances[1].url'],
    });
    await expect(client.register([])).rejects.toMatchObject({ code: 'ARTEMIS_INVALID_INSTANCE' });
    expect(transport.calls).toEqual([]);
    await client.close();
  });

  it('rejects a partial registration naming the failed instances and keeps the accepted ones', async () => {
    const { config, transport } = setUp();
    transport.refuse.add('b');
    const client = new RegistryClient({ transport, config });

    const failure = await client.register([instance('a'), instance('b')]).catch(error => error);

    expect(failure).toMatchObject({ code: 'ARTEMIS_REGISTRATION_FAILED' });
    expect(
      failure.failed.map((f: { instance: RegistrationInstance }) => f.instance.instanceId),
    ).toEqual(['b']);
    expect(client.registered().map(i => i.instanceId)).toEqual(['a']);
    await client.close();
  });

  it('rejects with an abort error and keeps nothing when the caller aborts a registration', async () => {
    const { config, transport } = setUp();
    transport.hangRegister = true;
    const client = new RegistryClient({ transport, config });
    const controller = new AbortController();

    const pending = client.register([instance('a')], { signal: controller.signal });
    controller.abort();

    await expect(pending).rejects.toMatchObject({ code: 'ARTEMIS_ABORTED' });
    expect(client.registered()).toEqual([]);
    await client.close();
  });

  it('registers again only the instances the server lost', async () => {
    const { config, transport } = setUp();
    const client = new RegistryClient({ transport, config });
    const lost: string[][] = [];
    client.events.on('lease-lost', event => lost.push(event.instances.map(i => i.instanceId)));
    await client.register([instance('a'), instance('b'), instance('c')]);

    transport.leases.delete(instanceIdentity(instance('b')));
    await waitFor(() => transport.count('register', 'b') === 2);

    expect(lost[0]).toEqual(['b']);
    expect(transport.count('register', 'a')).toBe(1);
    expect(transport.count('register', 'c')).toBe(1);
    expect(transport.calls.filter(c => c.op === 'register').at(-1)?.ids).toEqual(['b']);
    await client.close();
  });

  it('marks the node down and registers everything again when acknowledgements stop', async () => {
    const { config, transport, markedDown, addresses } = setUp({ intervalMs: 30, ttlMs: 150 });
    const client = new RegistryClient({ transport, config, addresses });
    const reasons: string[] = [];
    client.events.on('re-registered', event => reasons.push(event.reason));
    await client.register([instance('a')]);

    transport.failHeartbeats = true;
    await waitFor(() => markedDown.length > 0);
    await waitFor(() => reasons.includes('ttl-expired'));

    expect(markedDown[0]).toBe('http://node-a');
    expect(transport.count('register', 'a')).toBeGreaterThanOrEqual(2);
    await client.close();
  });

  it('reports a stall longer than the TTL in the first beat acknowledged after it', async () => {
    const { config, transport, addresses } = setUp({ intervalMs: 30, ttlMs: 150 });
    const client = new RegistryClient({ transport, config, addresses });
    const stalls: number[] = [];
    const reasons: string[] = [];
    client.events.on('heartbeat-acknowledged', beat =>
      stalls.push(Math.max(beat.eventLoopDelayMs, beat.timerDriftMs)),
    );
    client.events.on('re-registered', event => reasons.push(event.reason));
    await client.register([instance('a')]);
    await waitFor(() => stalls.length > 0);

    // The beat after the stall registers everything again instead of beating; the one after
    // that must still say how long the process stood still.
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // Spin, as a long synchronous computation would.
    }
    await waitFor(() => stalls.some(stall => stall >= 200));

    expect(reasons).toContain('ttl-expired');
    await client.close();
  });

  it('keeps beating when a listener or a filter throws', async () => {
    const { config, transport } = setUp();
    const filterErrors: string[] = [];
    const client = new RegistryClient({
      transport,
      config,
      filters: [
        {
          name: 'broken',
          filter: () => {
            throw new Error('filter bug');
          },
        },
      ],
    });
    client.filters.events.on('filter-error', event => filterErrors.push(event.name));
    client.events.on('heartbeat-acknowledged', () => {
      throw new Error('listener bug');
    });
    let acks = 0;
    client.events.on('heartbeat-acknowledged', () => acks++);

    await client.register([instance('a')]);
    await waitFor(() => acks >= 3);

    expect(filterErrors.length).toBeGreaterThan(0);
    await client.close();
  });

  it('holds back a filtered-out instance and registers it again once the filter lets it through', async () => {
    const { config, transport } = setUp();
    let blocked = true;
    const client = new RegistryClient({
      transport,
      config,
      filters: [list => list.filter(i => !(blocked && i.instanceId === 'b'))],
    });

    const result = await client.register([instance('a'), instance('b')]);
    expect(result.heldBack.map(i => i.instanceId)).toEqual(['b']);
    await waitFor(() => transport.count('heartbeat') >= 2);
    expect(transport.count('heartbeat', 'b')).toBe(0);

    blocked = false;
    await waitFor(() => transport.count('register', 'b') === 1);
    expect(
      client
        .registered()
        .map(i => i.instanceId)
        .sort(),
    ).toEqual(['a', 'b']);
    await client.close();
  });

  it('applies a new heartbeat interval at the next beat', async () => {
    const { config, transport } = setUp({ intervalMs: 60_000, ttlMs: 180_000 });
    const client = new RegistryClient({ transport, config });
    await client.register([instance('a')]);

    config.update({ heartbeatIntervalMs: 30, heartbeatTtlMs: 300 });
    await waitFor(() => transport.count('heartbeat') >= 2);
    await client.close();
  });

  it('unregisters and stops heartbeats, without running filters', async () => {
    const { config, transport } = setUp();
    const client = new RegistryClient({
      transport,
      config,
      filters: [() => []],
    });
    await client.register([instance('a')]);

    await client.unregister([instance('a')]);

    expect(transport.calls.at(-1)).toEqual({ op: 'unregister', ids: ['a'] });
    expect(client.registered()).toEqual([]);
    await client.close();
  });

  it('unregisters everything on close, once, and rejects every later call', async () => {
    const { config, transport } = setUp();
    const client = new RegistryClient({ transport, config });
    await client.register([instance('a'), instance('b')]);

    await Promise.all([client.close(), client.close()]);

    expect(transport.count('unregister')).toBe(1);
    expect(transport.leases.size).toBe(0);
    await expect(client.register([instance('c')])).rejects.toMatchObject({
      code: 'ARTEMIS_CLIENT_CLOSED',
    });
    await expect(client.unregister([instance('a')])).rejects.toMatchObject({
      code: 'ARTEMIS_CLIENT_CLOSED',
    });
    const beatsAfterClose = transport.count('heartbeat');
    await new Promise(resolve => setTimeout(resolve, 120));
    expect(transport.count('heartbeat')).toBe(beatsAfterClose);
  });

  it('finishes close within the shutdown deadline when unregister hangs', async () => {
    const { config, transport } = setUp();
    transport.hangUnregister = true;
    const client = new RegistryClient({ transport, config });
    await client.register([instance('a')]);

    await expect(client.close()).resolves.toBeUndefined();
  });

  describe('with a shutdown drain', () => {
    function drainingClient(drainMs: number) {
      const { config, transport } = setUp();
      config.update({ shutdownDrainMs: drainMs });
      const clock = new ManualClock();
      const client = new RegistryClient({ transport, config, clock });
      const draining: unknown[] = [];
      client.events.on('draining', event => draining.push(event));
      return { client, transport, clock, draining };
    }

    it('unregisters at once, then waits the drain before it stops', async () => {
      const { client, transport, clock, draining } = drainingClient(5_000);
      await client.register([instance('a')]);

      let closed = false;
      const closing = client.close().then(() => (closed = true));
      await clock.advance(0);

      expect(transport.count('unregister', 'a')).toBe(1);
      expect(draining).toEqual([{ instances: [instance('a')], drainMs: 5_000 }]);
      await expect(client.register([instance('b')])).rejects.toMatchObject({
        code: 'ARTEMIS_CLIENT_CLOSED',
      });

      await clock.advance(4_999);
      expect(closed).toBe(false);
      expect(transport.closed).toBe(false);

      await clock.advance(1);
      await closing;
      expect(transport.closed).toBe(true);
      expect(clock.pendingTimers).toBe(0);
    });

    it("ends the drain early when the caller's signal fires", async () => {
      const { client, transport, clock } = drainingClient(60_000);
      await client.register([instance('a')]);
      const controller = new AbortController();

      const closing = client.close({ signal: controller.signal });
      await clock.advance(0);
      controller.abort();
      await closing;

      expect(transport.closed).toBe(true);
      expect(clock.pendingTimers).toBe(0);
    });

    it('does not wait when there was nothing to unregister', async () => {
      const { client, transport, draining } = drainingClient(60_000);

      await client.close();

      expect(draining).toEqual([]);
      expect(transport.closed).toBe(true);
    });
  });
});
