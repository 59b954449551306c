import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { hasErrorCode } from '@artemis/protocol';

import * as api from './index';

describe('address errors', () => {
  it('NoAddressError has its stable code, names the side and keeps the cause', () => {
    const cause = new Error('underlying');
    const error = new api.NoAddressError('discovery', { cause });
    expect(hasErrorCode(error, 'ARTEMIS_NO_ADDRESS')).toBe(true);
    expect(error.side).toBe('discovery');
    expect(error.message).toContain('discovery');
    expect(error.cause).toBe(cause);
  });

  it('lists every exported error class and its code in the README', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const exported = Object.keys(api).filter(name => name.endsWith('Error'));
    expect(exported).toEqual(['NoAddressError']);
    for (const name of exported) expect(readme).toContain(name);
    expect(readme).toContain('ARTEMIS_NO_ADDRESS');
  });
});
