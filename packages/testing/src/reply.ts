import type { GarbageKind } from './types.js';

/** An HTTP reply before it is written. */
export interface Reply {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
}

/** Spring MVC writes a charset parameter, axum does not. */
export const JAVA_JSON = 'application/json;charset=UTF-8';
export const RUST_JSON = 'application/json';

export function jsonReply(body: string, status = 200, contentType = JAVA_JSON): Reply {
  return { status, contentType, body };
}

export function textReply(status: number, body: string): Reply {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

export function emptyReply(status: number, headers?: Record<string, string>): Reply {
  return { status, body: '', ...(headers ? { headers } : {}) };
}

const HUGE_BODY_BYTES = 10 * 1024 * 1024;

/** A body that is not what the client asked for, of the given kind. */
export function garbageText(kind: GarbageKind, realBody: string): string {
  switch (kind) {
    case 'html':
      return '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
    case 'truncated-json': {
      const text = realBody.length > 1 ? realBody : '{"responseStatus":{"errorCode":"success"}}';
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    case 'huge':
      return `{"padding":"${'x'.repeat(HUGE_BODY_BYTES)}"}`;
    case 'wrong-types':
      return JSON.stringify({
        responseStatus: 'success',
        failedInstances: 'none',
        failedInstanceKeys: 7,
        service: ['not', 'a', 'service'],
        services: 42,
        nodes: 'all',
        instance: true,
        changeType: 12,
        changeTime: 'yesterday',
        type: 99,
      });
  }
}

/** The reply as a garbage fault rewrites it: same status, garbage body. */
export function garbageReply(kind: GarbageKind, reply: Reply): Reply {
  const contentType = kind === 'html' ? 'text/html;charset=UTF-8' : 'application/json';
  return { ...reply, contentType, body: garbageText(kind, reply.body) };
}
