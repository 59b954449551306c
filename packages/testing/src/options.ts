import type { EmulatorStore } from './store.js';
import type { EmulatorFlavor, EmulatorTlsOptions, RateLimitOptions } from './types.js';

/**
 * Java's self-preservation, as its lease-update safe checker runs it. Every field defaults to the
 * server's own default.
 */
export interface SelfPreservationOptions {
  /** Window over which renewals are counted, in whole seconds' worth of ms. @default 12000 */
  windowMs?: number;
  /** The largest window count must reach this before the node can turn unsafe. @default 50 */
  maxCountThreshold?: number;
  /** Below this percentage of the largest count, the node is unsafe. @default 85 */
  percentageThreshold?: number;
  /** The largest count is taken afresh after this long, while safe. @default 600000 */
  maxCountResetIntervalMs?: number;
  /** Period of the check. @default 1000 */
  checkIntervalMs?: number;
}

/** Options of `startArtemisEmulator`. */
export interface ArtemisEmulatorOptions {
  /** Which server to emulate. @default 'java' */
  flavor?: EmulatorFlavor;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Path every route lives under. @default '/artemis' for java, '' for rust */
  contextPath?: string;
  /** The server's region; Java refuses instances and lookups of another region. @default 'test' */
  regionId?: string;
  /** The server's zone. @default 'test-z1' */
  zoneId?: string;
  /** Lease time to live in milliseconds. @default 20000 for java, 30000 for rust */
  leaseTtlMs?: number;
  /** Java: lease time to live of legacy instances (`metadata.java_registry` set). @default 90000 */
  legacyLeaseTtlMs?: number;
  /** Java: period of the lease cleaner in milliseconds. @default 100 */
  cleanIntervalMs?: number;
  /** Rust: period of the eviction sweep in milliseconds. @default 60000 */
  sweepIntervalMs?: number;
  /** Java: age in milliseconds at which the server closes any WebSocket. @default 360000 */
  sessionTtlMs?: number;
  /** Java: period in milliseconds of the check that closes old WebSockets. @default 60000 */
  sessionCheckIntervalMs?: number;
  /**
   * Java: keep expired leases while renewals drop (self-preservation); `true` for the server's
   * defaults. Off by default so that leases in tests expire on time; the real server has it on.
   * @default false
   */
  selfPreservation?: boolean | SelfPreservationOptions;
  /** Java: the rate limit of the registry and cluster operations. @default undefined (off) */
  rateLimit?: RateLimitOptions;
  /** Key and certificate to serve https and wss instead of http and ws. @default undefined */
  tls?: EmulatorTlsOptions;
  /** A store shared with other nodes, so they behave as one cluster. @default a new store */
  store?: EmulatorStore;
  /**
   * Java: extra node URLs the up-nodes APIs list as up although nothing serves them, to test an
   * address list with dead entries. @default []
   */
  seed?: readonly string[];
  /**
   * How many requests, and separately how many frames, the log keeps; older entries are dropped.
   * Bound it in long soak runs so the log does not read as a leak. @default Infinity
   */
  maxLogEntries?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  flavor: EmulatorFlavor;
  host: string;
  port: number;
  contextPath: string;
  regionId: string;
  zoneId: string;
  leaseTtlMs: number;
  legacyLeaseTtlMs: number;
  cleanIntervalMs: number;
  sweepIntervalMs: number;
  sessionTtlMs: number;
  sessionCheckIntervalMs: number;
  rateLimit: Required<RateLimitOptions> | undefined;
  selfPreservation: Required<SelfPreservationOptions> | undefined;
  tls: EmulatorTlsOptions | undefined;
  seed: readonly string[];
  maxLogEntries: number;
}

/** Applies defaults; a context path gets one leading '/' and no trailing '/'. */
export function resolveOptions(options: ArtemisEmulatorOptions): ResolvedOptions {
  const flavor = options.flavor ?? 'java';
  if (flavor !== 'java' && flavor !== 'rust') throw new TypeError(`Unknown flavor: ${flavor}`);

  const maxLogEntries = options.maxLogEntries ?? Infinity;
  if (!(maxLogEntries >= 0)) throw new TypeError(`Invalid maxLogEntries: ${maxLogEntries}`);

  const isJava = flavor === 'java';
  const rawContext = options.contextPath ?? (isJava ? '/artemis' : '');
  const trimmed = rawContext.replace(/^\/+|\/+$/g, '');
  return {
    flavor,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    contextPath: trimmed ? `/${trimmed}` : '',
    regionId: options.regionId ?? 'test',
    zoneId: options.zoneId ?? 'test-z1',
    leaseTtlMs: options.leaseTtlMs ?? (isJava ? 20_000 : 30_000),
    legacyLeaseTtlMs: options.legacyLeaseTtlMs ?? 90_000,
    cleanIntervalMs: options.cleanIntervalMs ?? 100,
    sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
    sessionTtlMs: options.sessionTtlMs ?? 360_000,
    sessionCheckIntervalMs: options.sessionCheckIntervalMs ?? 60_000,
    rateLimit: options.rateLimit
      ? { limit: options.rateLimit.limit, windowMs: options.rateLimit.windowMs ?? 10_000 }
      : undefined,
    selfPreservation: resolveSelfPreservation(options.selfPreservation),
    tls: options.tls,
    seed: options.seed ?? [],
    maxLogEntries,
  };
}

function resolveSelfPreservation(
  option: boolean | SelfPreservationOptions | undefined,
): Required<SelfPreservationOptions> | undefined {
  if (!option) return undefined;

  const given = option === true ? {} : option;
  // The server counts in one-second buckets, so the window is whole seconds, at least one.
  const windowMs = Math.max(1000, Math.floor((given.windowMs ?? 12_000) / 1000) * 1000);
  return {
    windowMs,
    maxCountThreshold: given.maxCountThreshold ?? 50,
    percentageThreshold: given.percentageThreshold ?? 85,
    maxCountResetIntervalMs: given.maxCountResetIntervalMs ?? 600_000,
    checkIntervalMs: given.checkIntervalMs ?? 1000,
  };
}
