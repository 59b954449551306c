import { instance } from '../../test/fakes';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format';

describe('the snapshot format', () => {
  it('reads back what it wrote', () => {
    const saved = [
      {
        service: {
          serviceId: 'orders',
          instances: [instance('orders', 'a')],
          metadata: { x: 'y' },
        },
        savedAt: 1_700_000_000_000,
      },
      { service: { serviceId: 'empty', instances: [] }, savedAt: 5 },
    ];

    expect(decodeSnapshot(encodeSnapshot(saved))).toEqual(saved);
  });

  it.each([
    ['not JSON', '{"format":'],
    ['another format', JSON.stringify({ format: 'other', version: 1, services: [] })],
    [
      'another version',
      JSON.stringify({ format: 'artemis-discovery-snapshot', version: 2, services: [] }),
    ],
    [
      'a service without an id',
      JSON.stringify({
        format: 'artemis-discovery-snapshot',
        version: 1,
        services: [{ savedAt: 1, service: { instances: [] } }],
      }),
    ],
  ])('refuses %s with an error saying so', (_what, text) => {
    expect(() => decodeSnapshot(text)).toThrow(/discovery snapshot/);
  });
});
