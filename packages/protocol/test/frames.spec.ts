import {
  buildJavaSubscribeFrame,
  buildRustFrame,
  InvalidReplyError,
  InvalidRequestError,
  parseJavaChangeFrame,
  parseRustServerFrame,
} from '../src/index.js';

import {
  EXAMPLE_INSTANCE,
  J_PUSH_FRAME,
  J_SUBSCRIBE_WITH_NULLS,
  R_CHANGE_TIME,
  R_CLIENT_FRAMES,
  R_ERROR,
  R_PONG,
  R_SUBSCRIBED,
  R_UNSUBSCRIBED,
} from './fixtures.js';
import { catchError } from './helpers.js';

describe('Java frames', () => {
  it('builds the subscribe frame with nulls left out', () => {
    const javaClientFrame = JSON.parse(J_SUBSCRIBE_WITH_NULLS) as { serviceId: string };
    expect(buildJavaSubscribeFrame(javaClientFrame)).toBe('{"serviceId":"demo.hello"}');
    expect(
      JSON.parse(buildJavaSubscribeFrame({ serviceId: 's', regionId: 'r', zoneId: 'z' })),
    ).toEqual({
      serviceId: 's',
      regionId: 'r',
      zoneId: 'z',
    });
  });

  it('reads the push frame of PROTOCOL 2.5 without its nulls', () => {
    const change = parseJavaChangeFrame(J_PUSH_FRAME);
    expect(change.changeType).toBe('delete');
    expect(change.changeTime).toBe(1550800000123);
    expect(change.instance).toEqual({
      instanceId: '10.0.0.5:8080',
      ip: '10.0.0.5',
      port: 8080,
      protocol: 'http',
      regionId: 'sha',
      serviceId: 'demo.hello',
      status: 'up',
      url: 'http://10.0.0.5:8080/hello',
      zoneId: 'sha-z1',
    });
  });

  it("reads J's fake reload instance and bytes as well as text", () => {
    const frame = Buffer.from(
      JSON.stringify({
        changeTime: 1,
        changeType: 'reload',
        instance: { serviceId: 'demo.hello', instanceId: 'reload', ip: '0.0.0.0', port: null },
      }),
    );
    expect(parseJavaChangeFrame(frame).changeType).toBe('reload');
  });

  it('refuses an unknown change type and a bad change time', () => {
    const base = JSON.parse(J_PUSH_FRAME) as Record<string, unknown>;
    expect(catchError(() => parseJavaChangeFrame({ ...base, changeType: 'moved' }))).toBeInstanceOf(
      InvalidReplyError,
    );
    expect(catchError(() => parseJavaChangeFrame({ ...base, changeTime: 'soon' }))).toBeInstanceOf(
      InvalidReplyError,
    );
  });
});

describe('Rust frames', () => {
  it('builds the client frames of PROTOCOL 4.2.2 with snake_case service_id', () => {
    expect([
      buildRustFrame({ type: 'subscribe', serviceId: 'demo.hello' }),
      buildRustFrame({ type: 'unsubscribe', serviceId: 'demo.hello' }),
      buildRustFrame({ type: 'ping' }),
    ]).toEqual(R_CLIENT_FRAMES);
  });

  it('refuses to build a subscribe frame without a serviceId', () => {
    expect(catchError(() => buildRustFrame({ type: 'subscribe', serviceId: '' }))).toBeInstanceOf(
      InvalidRequestError,
    );
  });

  it('reads the server frames of PROTOCOL 4.2.3', () => {
    expect(parseRustServerFrame(R_SUBSCRIBED)).toEqual({
      type: 'subscribed',
      serviceId: 'demo.hello',
    });
    expect(parseRustServerFrame(R_UNSUBSCRIBED)).toEqual({
      type: 'unsubscribed',
      serviceId: 'demo.hello',
    });
    expect(parseRustServerFrame(R_PONG)).toEqual({ type: 'pong' });
    expect(parseRustServerFrame(R_ERROR)).toEqual({ type: 'error', message: '<serde error text>' });
  });

  it('reads a service_change frame with RFC 3339 change times as epoch ms', () => {
    const frame = {
      type: 'service_change',
      service_id: 'demo.hello',
      changes: [
        { instance: JSON.parse(EXAMPLE_INSTANCE), changeType: 'new', changeTime: R_CHANGE_TIME },
      ],
    };
    const parsed = parseRustServerFrame(JSON.stringify(frame));
    expect(parsed.type).toBe('service_change');
    if (parsed.type !== 'service_change') return;
    expect(parsed.serviceId).toBe('demo.hello');
    expect(parsed.changes[0]?.changeTime).toBe(Date.UTC(2026, 2, 8, 5, 34, 3, 123));
  });

  it('refuses an unknown type and a subscribed frame without service_id', () => {
    expect(catchError(() => parseRustServerFrame('{"type":"hello"}'))).toBeInstanceOf(
      InvalidReplyError,
    );
    expect(catchError(() => parseRustServerFrame('{"type":"subscribed"}'))).toBeInstanceOf(
      InvalidReplyError,
    );
  });
});
