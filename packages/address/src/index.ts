export { AddressManager } from './address-manager.js';
export type { AddressManagerOptions } from './address-manager.js';
export type { AddressEvents, AddressSide, AddressSource, AddressState } from './address-types.js';
export type { RefreshResult } from './refresh.js';
export { ExponentialBackoff } from './exponential-backoff.js';
export type { ExponentialBackoffOptions, JitterKind } from './exponential-backoff.js';
export { NoAddressError } from './errors.js';
export { connectOptionsOf, jsonHeadersOf, toHttpTarget } from './target.js';
export type { HttpTarget } from './target.js';
