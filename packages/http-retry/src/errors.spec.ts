import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isArtemisError } from '@artemis/protocol';

import * as api from './index';

const cause = new Error('underlying');

const errors = [
  new api.HttpStatusError(503, 'http://host/ctx', 'Injected failure', { cause }),
  new api.RequestTimeoutError('http://host/ctx', 300, { cause }),
  new api.TransportError('http://host/ctx', { cause }),
  new api.TlsError('http://host/ctx', { cause }),
  new api.ResponseTooLargeError('http://host/ctx', 1024, { cause }),
  new api.RetriesExhaustedError('register', 5, { cause }),
  new api.RetryBudgetExhaustedError('register', 2, { cause }),
];

const EXPECTED_CODES = {
  HttpStatusError: 'ARTEMIS_HTTP_STATUS',
  RequestTimeoutError: 'ARTEMIS_REQUEST_TIMEOUT',
  TransportError: 'ARTEMIS_TRANSPORT',
  TlsError: 'ARTEMIS_TLS',
  ResponseTooLargeError: 'ARTEMIS_RESPONSE_TOO_LARGE',
  RetriesExhaustedError: 'ARTEMIS_RETRIES_EXHAUSTED',
  RetryBudgetExhaustedError: 'ARTEMIS_RETRY_BUDGET_EXHAUSTED',
};

describe('http-retry errors', () => {
  it('covers every error class the package exports', () => {
    const exported = Object.entries(api)
      .filter(([name, value]) => typeof value === 'function' && name.endsWith('Error'))
      .map(([name]) => name)
      .sort();
    expect(exported).toEqual(Object.keys(EXPECTED_CODES).sort());
  });

  it.each(errors.map(error => [error.name, error]))(
    '%s has its stable code, keeps the cause and is an Artemis error',
    (name, error) => {
      expect(error.code).toBe(EXPECTED_CODES[name as keyof typeof EXPECTED_CODES]);
      expect(error.cause).toBe(cause);
      expect(isArtemisError(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
    },
  );

  it('lists every error class and code in the README', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const [name, code] of Object.entries(EXPECTED_CODES)) {
      expect(readme).toContain(name);
      expect(readme).toContain(code);
    }
  });
});
