/** Which half of the client an address list serves; each has its own list and health. */
export type AddressSide = 'registry' | 'discovery';

/** Where an address came from: the configured seeds or the cluster's up-nodes API. */
export type AddressSource = 'seed' | 'cluster';

/** A snapshot of one address and its health. */
export interface AddressState {
  /** Base URL (context path included, no trailing '/'). */
  url: string;
  /** False while the address is quarantined. */
  healthy: boolean;
  /** Epoch milliseconds when the quarantine ends, while quarantined. */
  quarantinedUntil?: number;
  source: AddressSource;
}

/** Events of an {@link AddressManager}. URLs in events are redacted of credentials. */
export interface AddressEvents {
  /** The list was replaced (refresh, fallback to the seeds, or a changed `serverUrls`). */
  'list-changed': { side: AddressSide; urls: string[]; previous: string[] };
  /** An address was quarantined. */
  'address-down': { side: AddressSide; url: string; reason: string };
  /** A quarantined address is usable again (a successful call or the end of its quarantine). */
  'address-up': { side: AddressSide; url: string };
  /** The sticky current address moved. */
  'current-changed': {
    side: AddressSide;
    url: string;
    previous: string | undefined;
    reason: 'start' | 'failover' | 'rebalance' | 'list-changed';
  };
  /** A refresh from the up-nodes API failed; the list was kept. */
  'refresh-failed': { side: AddressSide; error: unknown };
}
