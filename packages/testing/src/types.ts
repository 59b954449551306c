/** Which Artemis server line the emulator speaks. */
export type EmulatorFlavor = 'java' | 'rust';

/** A JSON object as it travels on the wire. */
export type JsonObject = Record<string, unknown>;

/**
 * An instance as the emulator stores it: the fields a server reads, loosely typed, because the
 * Java server stores whatever it was given (any status string, null fields).
 */
export interface EmulatorInstance {
  regionId?: string | null;
  zoneId?: string | null;
  groupId?: string | null;
  serviceId: string;
  instanceId: string;
  machineName?: string | null;
  ip?: string | null;
  port?: number | null;
  protocol?: string | null;
  url?: string | null;
  healthCheckUrl?: string | null;
  status?: string | null;
  metadata?: Record<string, string> | null;
}

/** What identifies an instance for `removeInstance`: the Java key, plus zone and group for Rust. */
export interface EmulatorInstanceKey {
  regionId?: string | null;
  zoneId?: string | null;
  groupId?: string | null;
  serviceId: string;
  instanceId: string;
}

/** A change the store emitted, as the Java server pushes it. */
export interface EmulatorChange {
  instance: EmulatorInstance;
  changeType: 'new' | 'delete' | 'change' | 'reload';
  /** Epoch milliseconds. */
  changeTime: number;
}

/** One HTTP request the emulator received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, as received (context path included). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, the raw text when it was not JSON, undefined when empty. */
  body: unknown;
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** One WebSocket frame the emulator received. */
export interface RecordedFrame {
  /** The socket's request path (context path included). */
  path: string;
  /** The frame text (binary frames are decoded as UTF-8). */
  data: string;
  binary: boolean;
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** The kinds of garbage reply `faults.garbage(kind)` can produce. */
export type GarbageKind = 'html' | 'truncated-json' | 'huge' | 'wrong-types';

/** A Java-style rate limit: more than `limit` calls per identity inside `windowMs` are rejected. */
export interface RateLimitOptions {
  /** Calls allowed per identity (register, heartbeat, unregister, each up-nodes call) per window. */
  limit: number;
  /** Sliding window length in milliseconds. @default 10000 */
  windowMs?: number;
}

/** TLS material for an https/wss emulator. */
export interface EmulatorTlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
  /** Certificate authorities that sign accepted client certificates (PEM). @default none */
  ca?: string | Buffer;
  /** Refuse clients that present no certificate signed by `ca` (mutual TLS). @default false */
  requestCert?: boolean;
}
