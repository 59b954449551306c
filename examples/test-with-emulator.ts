// Testing an application with @artemis/testing: an emulated server of either line, faults, the
// log of what the application sent, and a cluster. The same test runs against both flavours.
import { createArtemisClient } from '@artemis/client';
import type { RegistrationInstance } from '@artemis/client';
import { startArtemisCluster, startArtemisEmulator, waitFor } from '@artemis/testing';
import type { EmulatorFlavor } from '@artemis/testing';

export interface EmulatorTestResult {
  heartbeatBody: 'instances' | 'instanceKeys';
  /** What the server held again after it lost its data, and the register calls that took. */
  afterDataLoss: { instances: string[]; registerCalls: number };
  servedWhileOneNodeDown: string[];
}

const instance: RegistrationInstance = {
  regionId: 'test', // the emulator's default region and zone
  zoneId: 'test-z1',
  serviceId: 'orders',
  instanceId: 'orders-1',
  ip: '127.0.0.1',
  port: 9001,
  url: 'http://127.0.0.1:9001',
  status: 'up',
};

// Fast beats so that a test sees healing within a second or two instead of the 5 s default.
const fast = {
  regionId: 'test',
  zoneId: 'test-z1',
  heartbeatIntervalMs: 100,
  heartbeatTtlMs: 1_000,
};

export async function testWithEmulator(flavor: EmulatorFlavor): Promise<EmulatorTestResult> {
  // One node, on a free port of 127.0.0.1.
  const emulator = await startArtemisEmulator({ flavor });
  const client = createArtemisClient({ ...fast, serverUrls: [emulator.url] });
  let heartbeatBody: EmulatorTestResult['heartbeatBody'];
  let afterDataLoss: EmulatorTestResult['afterDataLoss'];
  try {
    await client.registry.register([instance]);

    // The request log: Java servers get full instances, Rust servers instance keys.
    const beat = await emulator.waitForRequest(r => r.path.endsWith('/heartbeat.json'));
    heartbeatBody = 'instanceKeys' in (beat.body as object) ? 'instanceKeys' : 'instances';

    // A fault: the server forgets every lease, as after a restart that lost its data.
    emulator.faults.clearState();
    await waitFor(() => emulator.instances('orders').length === 1, 10_000);
    afterDataLoss = {
      instances: emulator.instances('orders').map(i => i.instanceId),
      registerCalls: emulator.requests.filter(r => r.path.endsWith('/register.json')).length,
    };
  } finally {
    await client.close();
    await emulator.close();
  }

  // A cluster of three nodes sharing one store; the client fails over when one stops.
  const cluster = await startArtemisCluster({ flavor, size: 3 });
  const clustered = createArtemisClient({ ...fast, serverUrls: cluster.urls });
  try {
    await clustered.registry.register([instance]);
    await cluster.nodes[0]?.stop();

    // Calls that hit the stopped node fail over to the other two.
    await clustered.registry.register([{ ...instance, instanceId: 'orders-2', port: 9002 }]);
    const service = await clustered.discovery.getService('orders');

    return {
      heartbeatBody,
      afterDataLoss,
      servedWhileOneNodeDown: service.instances.map(i => i.instanceId).sort(),
    };
  } finally {
    await clustered.close();
    await cluster.close();
  }
}
