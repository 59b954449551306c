import { redactUrl, resolveConfig } from '../src/index.js';
import { catchConfigError, issueAt, NO_ENV } from './expect-config-error.js';

function urlsOf(serverUrls: string[]) {
  return resolveConfig({ serverUrls }, NO_ENV).serverUrls;
}

describe('server URLs', () => {
  it('keeps http and https URLs with context paths and drops trailing slashes', () => {
    expect(
      urlsOf(['http://a:8080/', 'https://b.example/artemis//', 'http://c/x/y', ' http://d ']),
    ).toEqual(['http://a:8080', 'https://b.example/artemis', 'http://c/x/y', 'http://d']);
  });

  it('keeps credentials in the config', () => {
    expect(urlsOf(['http://user:pa%40ss@a:8080/artemis/'])).toEqual([
      'http://user:pa%40ss@a:8080/artemis',
    ]);
    expect(urlsOf(['https://token@a'])).toEqual(['https://token@a']);
  });

  it('requires at least one URL', () => {
    const error = catchConfigError(() => resolveConfig({ serverUrls: [] }, NO_ENV));

    expect(issueAt(error, 'serverUrls').message).toBe('must list at least one server URL');
  });

  it('requires server URLs when the environment has none either', () => {
    const error = catchConfigError(() => resolveConfig({}, NO_ENV));

    expect(issueAt(error, 'serverUrls').message).toContain('ARTEMIS_SERVER_URLS');
  });

  it.each([
    ['ftp://a', 'must use http or https'],
    ['ws://a', 'must use http or https'],
    ['a:8080', 'must use http or https'],
    ['localhost', 'is not an absolute URL'],
    ['http://a/?x=1', 'must not carry a query or fragment'],
    ['http://a/#top', 'must not carry a query or fragment'],
    ['', 'must not be empty'],
  ])('rejects %p', (url, reason) => {
    const error = catchConfigError(() => resolveConfig({ serverUrls: ['http://ok', url] }, NO_ENV));

    expect(issueAt(error, 'serverUrls[1]').message).toContain(reason);
  });

  it('rejects entries that are not strings', () => {
    const error = catchConfigError(() =>
      resolveConfig({ serverUrls: [42 as unknown as string] }, NO_ENV),
    );

    expect(issueAt(error, 'serverUrls[0]').message).toBe('must be a string');
  });

  it('never shows credentials in an error', () => {
    const bad = [
      'ftp://alice:s3cret@a',
      'http://alice:s3cret@a/?q=1',
      'alice:s3cret@a',
      'http://alice:s3c/ret@a',
    ];
    const error = catchConfigError(() => resolveConfig({ serverUrls: bad }, NO_ENV));

    expect(error.issues).toHaveLength(bad.length);
    expect(error.message).not.toMatch(/s3c|alice/);
    expect(JSON.stringify(error.issues)).not.toMatch(/s3c|alice/);
    expect(error.message).toContain('ftp://***@a');
  });
});

describe('redactUrl', () => {
  it.each([
    ['http://u:p@host:1/x', 'http://***@host:1/x'],
    ['http://u@host', 'http://***@host'],
    ['u:p@host', '***@host'],
    ['http://u:p/q@host', 'http://***@host'],
    ['http://host/x', 'http://host/x'],
  ])('redacts %p as %p', (raw, shown) => {
    expect(redactUrl(raw)).toBe(shown);
  });
});
