import { WebSocket } from 'ws';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  json: () => any;
}

/** POSTs JSON (or a raw body) and reads the whole reply. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const payload =
    typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  return read(response);
}

export async function get(url: string): Promise<HttpResult> {
  return read(await fetch(url, { signal: AbortSignal.timeout(10_000) }));
}

async function read(response: Response): Promise<HttpResult> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** A WebSocket client that keeps every text frame it receives. */
export class TestSocket {
  readonly messages: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', data => this.messages.push(String(data)));
    this.closed = new Promise(resolve =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    ws.on('error', () => undefined);
  }

  static open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode}`)),
      );
    });
  }

  send(data: unknown): void {
    this.ws.send(typeof data === 'string' ? data : JSON.stringify(data));
  }

  /** Waits until at least `count` frames arrived and returns frame `count - 1`. */
  async nth(count: number, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.messages.length} frames arrived`);
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    return this.messages[count - 1]!;
  }

  close(): void {
    this.ws.terminate();
  }
}

export function javaInstance(overrides: Record<string, unknown> = {}) {
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId: 'demo.hello',
    instanceId: '10.0.0.5:8080',
    ip: '10.0.0.5',
    port: 8080,
    protocol: 'http',
    url: 'http://10.0.0.5:8080/hello',
    status: 'up',
    ...overrides,
  };
}

export function rustKey(overrides: Record<string, unknown> = {}) {
  return {
    regionId: 'test',
    zoneId: 'test-z1',
    serviceId: 'demo.hello',
    groupId: '',
    instanceId: '10.0.0.5:8080',
    ...overrides,
  };
}

/** Nothing should have arrived after a short settle period. */
export function settle(ms = 150): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
