import { InvalidReplyError, TypedEvents } from '@artemis/protocol';
import type { DiscoveryConfig, Flavor, InstanceChange } from '@artemis/protocol';
import { ManualClock } from '@artemis/testing';
import type { ChangeSocket, ChangeSocketEvents, SocketState } from '@artemis/websocket';
import { Subject } from 'rxjs';

import { flush } from '../../test/fakes';
import { SocketChangeSource } from './socket-change-source';

/** A change socket that records what it was asked and lets the test play the server. */
class FakeSocket implements ChangeSocket {
  readonly changes$ = new Subject<InstanceChange>();
  readonly events = new TypedEvents<ChangeSocketEvents>();
  readonly subscribed: string[] = [];
  state: SocketState = 'connecting';
  closed = false;

  constructor(readonly flavor: Flavor) {}

  subscribe(config: DiscoveryConfig): void {
    if (!this.subscribed.includes(config.serviceId)) this.subscribed.push(config.serviceId);
  }
  unsubscribe(serviceId: string): void {
    this.subscribed.splice(this.subscribed.indexOf(serviceId), 1);
  }
  subscriptions(): string[] {
    return [...this.subscribed];
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  open(): void {
    this.state = 'open';
    this.events.emit('state', { side: 'discovery', state: 'open' });
  }
}

function setup(flavor: Flavor | (() => Promise<Flavor>)) {
  const sockets: FakeSocket[] = [];
  const clock = new ManualClock();
  const source = new SocketChangeSource({
    flavor,
    clock,
    idleCloseMs: 1_000,
    openSocket: kind => {
      const socket = new FakeSocket(kind);
      sockets.push(socket);
      return socket;
    },
  });
  return { source, sockets, clock };
}

describe('SocketChangeSource', () => {
  it('can push only on Java and only while the socket is open; resyncs on each open', async () => {
    const java = setup('java');
    const resyncs: unknown[] = [];
    java.source.resync$.subscribe(() => resyncs.push(1));
    java.source.subscribe({ serviceId: 'a' });

    expect(java.source.canPush).toBe(false);
    java.sockets[0]!.open();
    expect(java.source.canPush).toBe(true);
    expect(resyncs).toHaveLength(1);

    const rust = setup('rust');
    rust.source.subscribe({ serviceId: 'a' });
    rust.sockets[0]!.open();
    expect(rust.source.canPush).toBe(false);
    await Promise.all([java.source.close(), rust.source.close()]);
  });

  it('reports unreadable frames on invalid$ and forwards changes', async () => {
    const { source, sockets } = setup('java');
    const invalid: unknown[] = [];
    const changes: InstanceChange[] = [];
    source.invalid$.subscribe(error => invalid.push(error));
    source.changes$.subscribe(change => changes.push(change));
    source.subscribe({ serviceId: 'a' });

    const error = new InvalidReplyError('instance-change frame');
    sockets[0]!.events.emit('frame-error', { side: 'discovery', error });
    const change = { changeType: 'delete', changeTime: 1, instance: {} } as InstanceChange;
    sockets[0]!.changes$.next(change);

    expect(invalid).toEqual([error]);
    expect(changes).toEqual([change]);
    await source.close();
  });

  it('closes an idle socket after idleCloseMs and opens a new one on the next subscribe', async () => {
    const { source, sockets, clock } = setup('rust');
    source.subscribe({ serviceId: 'a' });
    source.unsubscribe('a');
    await clock.advance(999);
    expect(sockets[0]!.closed).toBe(false);

    source.subscribe({ serviceId: 'b' });
    source.unsubscribe('b');
    await clock.advance(1_000);
    expect(sockets[0]!.closed).toBe(true);
    expect(source.hasSocket).toBe(false);

    source.subscribe({ serviceId: 'c' });
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.subscribed).toEqual(['c']);
    expect(sockets[0]!.events.listenerCount()).toBe(0);
    await source.close();
    expect(sockets[1]!.closed).toBe(true);
  });

  it('subscribes everything that waited through a failed flavour detection', async () => {
    let attempts = 0;
    const { source, sockets } = setup(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('no node answered');
      return 'java';
    });

    source.subscribe({ serviceId: 'a' });
    await flush();
    expect(sockets).toHaveLength(0);

    source.subscribe({ serviceId: 'b' });
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.subscribed).toEqual(['a', 'b']);
    await source.close();
  });
});
