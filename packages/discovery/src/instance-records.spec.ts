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

    expect(records.applyChange(change('new', instance('b'), 150))).toBe('applied');
    records.applySnapshot([instance('a')], 120);

    expect(ids(records)).toEqual(['a', 'b']);
  });

  it('does not let an older push bring back a deleted instance', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a')], 100);

    records.applyChange(change('delete', instance('a'), 300));
    expect(records.applyChange(change('new', instance('a'), 200))).toBe('stale');

    expect(ids(records)).toEqual([]);
  });

  it('lets a later snapshot replace the records', () => {
    const records = new InstanceRecords();
    records.applySnapshot([instance('a'), instance('b')], 100);

    expect(records.applySnapshot([instance('b', 'down')], 200)).toBe(true);

    expect(records.list()).toEqual([instance('b', 'down')]);
  });
});
