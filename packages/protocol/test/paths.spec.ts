import {
  InvalidRequestError,
  joinUrl,
  REST_PATHS,
  toWebSocketUrl,
  WS_PATHS,
} from '../src/index.js';

import { catchError } from './helpers.js';

describe('joinUrl', () => {
  it.each([
    ['http://h:8080', 'http://h:8080/api/registry/register.json'],
    ['http://h:8080/', 'http://h:8080/api/registry/register.json'],
    ['http://h:8080/artemis-service/', 'http://h:8080/artemis-service/api/registry/register.json'],
    ['http://h:8080/artemis//', 'http://h:8080/artemis/api/registry/register.json'],
  ])('joins %s with exactly one slash', (base, expected) => {
    expect(joinUrl(base, REST_PATHS.register)).toBe(expected);
  });

  it('joins several parts and skips empty ones', () => {
    expect(joinUrl('http://h/ctx', '/a/', '', 'b')).toBe('http://h/ctx/a/b');
  });
});

describe('toWebSocketUrl', () => {
  it('maps http to ws and https to wss, keeping the context path', () => {
    expect(toWebSocketUrl('http://h:8080/artemis')).toBe('ws://h:8080/artemis');
    expect(toWebSocketUrl('HTTPS://h/artemis')).toBe('wss://h/artemis');
    expect(joinUrl(toWebSocketUrl('http://h/artemis/'), WS_PATHS.javaHeartbeat)).toBe(
      'ws://h/artemis/ws/registry/heartbeat',
    );
  });

  it('refuses a URL of another scheme', () => {
    expect(catchError(() => toWebSocketUrl('ftp://h'))).toBeInstanceOf(InvalidRequestError);
  });
});

describe('path tables', () => {
  it('use the .json forms both servers serve', () => {
    expect(REST_PATHS.service).toBe('api/discovery/service.json');
    expect(REST_PATHS.upRegistryNodes).toBe('api/cluster/up-registry-nodes.json');
    expect(WS_PATHS).toEqual({
      javaHeartbeat: 'ws/registry/heartbeat',
      javaInstanceChange: 'ws/discovery/instance-change',
      rust: 'ws',
    });
  });
});
