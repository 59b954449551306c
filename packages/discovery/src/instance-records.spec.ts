import type { Instance, InstanceChange } from '@artemis/protocol';

import { InstanceRecords } from './instance-records';

function instance(instanceId: string, status = 'up'): Instance {
  return { serviceId: 'demo', instanceId, regionId: 'r', zoneId: 'z', status } as Instance;
}

function change(changeType: InstanceChange['changeType'], item: Instance, changeTime: number) {
  return { changeType, instance: item, changeTime } as InstanceChange;
}

const ids = (records: InstanceRecords) => records.list().map(i => i.instanceId);

describe('InstanceRecords', () => {
  it('ignores a snapshot requested before the one already applied', () => {
    const records = new InstanceRecords();

    // The newer answer arrives first: b was deleted between the two requests.
    expect(records.applySnapshot([instance('a')], 200)).toBe(true);
    expect(records.applySnapshot([instance('a'), instance('b')], 100)).toBe(false);

    expect(ids(records)).toEqual(['a']);
  });

  it('keeps a change pushed after the snapshot was requested', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a')], 100);

    expect(records.applyChange(change('new', instance('b'), 150), 150)).toBe('applied');
    records.applySnapshot([instance('a')], 120);

    expect(ids(records)).toEqual(['a', 'b']);
  });

  it('does not let an older push bring back a deleted instance', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a')], 100);

    // Server times are compared with each other, whatever the client clock says.
    records.applyChange(change('delete', instance('a'), 300), 500);
    expect(records.applyChange(change('new', instance('a'), 200), 600)).toBe('stale');

    expect(ids(records)).toEqual([]);
  });

  it('lets a later snapshot replace the records', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a'), instance('b')], 100);

    expect(records.applySnapshot([instance('b', 'down')], 200)).toBe(true);

    expect(records.list()).toEqual([instance('b', 'down')]);
  });

  it('orders a push against a snapshot by client times only', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a')], 100);

    // The server clock is far ahead: the push carries 9_000 but was placed at 150.
    records.applyChange(change('new', instance('b'), 9_000), 150);
    // A snapshot requested later no longer holds b, so b was removed in between.
    records.applySnapshot([instance('a')], 200);
    expect(ids(records)).toEqual(['a']);

    // A push placed before that snapshot is older than it, whatever its changeTime.
    expect(records.applyChange(change('delete', instance('a'), 9_500), 180)).toBe('stale');
    expect(ids(records)).toEqual(['a']);
  });
});
