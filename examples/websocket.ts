// @artemis/websocket on its own: self-healing sockets in the dialect of each server line.
import { AddressManager } from '@artemis/address';
import { ConfigStore } from '@artemis/config';
import type { InstanceChange } from '@artemis/protocol';
import { JavaInstanceChangeSocket, RustChangeSocket } from '@artemis/websocket';

/**
 * Java servers push instance changes: subscribe to `serviceId` and resolve with the first change
 * pushed after `onSubscribed` ran (which makes one).
 */
export async function nextJavaChange(
  serverUrl: string,
  serviceId: string,
  onSubscribed: () => Promise<void>,
): Promise<InstanceChange> {
  const config = new ConfigStore({ serverUrls: [serverUrl], regionId: 'test', zoneId: 'test-z1' });
  const addresses = new AddressManager({ side: 'discovery', config });
  const socket = new JavaInstanceChangeSocket({ config, addresses });

  try {
    return await new Promise<InstanceChange>((resolve, reject) => {
      socket.changes$.subscribe({ next: resolve, error: reject });
      // The Java server never acknowledges; `subscribed` says the frame went out.
      socket.events.on('subscribed', () => onSubscribed().catch(reject));
      socket.subscribe({ serviceId, regionId: 'test', zoneId: 'test-z1' });
    });
  } finally {
    await socket.close();
    await addresses.close();
    config.close();
  }
}

/**
 * Rust servers acknowledge subscriptions and answer pings but never push a change, so discovery
 * polls them. Resolves with whether the subscription was acknowledged, after a ping round trip.
 */
export async function rustSubscribeAndPing(serverUrl: string, serviceId: string): Promise<boolean> {
  const config = new ConfigStore({ serverUrls: [serverUrl] });
  const addresses = new AddressManager({ side: 'discovery', config });
  const socket = new RustChangeSocket({ config, addresses });

  try {
    const acknowledged = new Promise<boolean>(resolve =>
      socket.events.on('subscribed', event => resolve(event.acknowledged)),
    );
    socket.subscribe({ serviceId });
    const result = await acknowledged;
    await socket.ping(AbortSignal.timeout(5_000));
    return result;
  } finally {
    await socket.close();
    await addresses.close();
    config.close();
  }
}
