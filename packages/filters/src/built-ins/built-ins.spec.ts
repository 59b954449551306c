import type { Instance, RegistrationInstance } from '@artemis/protocol';

import { FilterChain } from '../filter-chain';
import { byMetadata } from './by-metadata';
import { byPredicate } from './by-predicate';
import { byRegion, byZone } from './by-location';
import { byStatus } from './by-status';

const instances: Instance[] = [
  { serviceId: 's', instanceId: '1', status: 'up', regionId: 'SHA', zoneId: 'sha-z1' },
  { serviceId: 's', instanceId: '2', status: 'UP', regionId: 'sha', zoneId: 'sha-z2' },
  { serviceId: 's', instanceId: '3', status: 'down', regionId: 'fra', zoneId: 'fra-z1' },
  { serviceId: 's', instanceId: '4', metadata: { version: '1.2', canary: '' } },
  { serviceId: 's', instanceId: '5', metadata: { version: '2.0' } },
];
const ids = (list: readonly Instance[]): string[] => list.map(entry => entry.instanceId);

describe('byStatus', () => {
  it('keeps the given statuses ignoring case and drops instances without a status', () => {
    expect(ids(byStatus('up')(instances))).toEqual(['1', '2']);
    expect(ids(byStatus('down', 'starting')(instances))).toEqual(['3']);
    expect(byStatus()(instances)).toEqual([]);
    expect(byStatus('up').name).toBe('byStatus(up)');
  });
});

describe('byRegion and byZone', () => {
  it('match ignoring case and drop instances without the field', () => {
    expect(ids(byRegion('sha')(instances))).toEqual(['1', '2']);
    expect(ids(byZone('SHA-Z2')(instances))).toEqual(['2']);
    expect(byRegion('nowhere')(instances)).toEqual([]);
  });
});

describe('byMetadata', () => {
  it('matches on the key alone, on one value or on a list of values', () => {
    expect(ids(byMetadata('version')(instances))).toEqual(['4', '5']);
    expect(ids(byMetadata('version', '2.0')(instances))).toEqual(['5']);
    expect(ids(byMetadata('version', ['1.2', '2.0'])(instances))).toEqual(['4', '5']);
    expect(ids(byMetadata('canary', '')(instances))).toEqual(['4']);
    expect(byMetadata('toString')(instances)).toEqual([]);
    expect(byMetadata('version', '2.0').name).toBe('byMetadata(version=2.0)');
  });
});

describe('byPredicate', () => {
  it('keeps what the predicate accepts, under the given name', () => {
    const odd = byPredicate('odd', (entry: Instance) => Number(entry.instanceId) % 2 === 1);
    expect(odd.name).toBe('odd');
    expect(ids(odd.filter(instances))).toEqual(['1', '3', '5']);
  });
});

describe('built-ins on registration instances', () => {
  it('fit a chain over RegistrationInstance and keep its type', () => {
    const registration: RegistrationInstance = {
      regionId: 'sha',
      zoneId: 'sha-z1',
      serviceId: 'demo',
      instanceId: 'a',
      ip: '10.0.0.1',
      port: 80,
      url: 'http://10.0.0.1',
      status: 'up',
    };
    const chain = new FilterChain<RegistrationInstance>([byStatus('up'), byZone('sha-z1')]);
    const kept: RegistrationInstance[] = chain.apply([
      registration,
      { ...registration, instanceId: 'b', status: 'down' },
    ]);
    expect(kept.map(entry => entry.instanceId)).toEqual(['a']);
  });
});
