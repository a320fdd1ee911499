/** A UDP endpoint: an IPv4 or IPv6 literal and a port. */
export interface Address {
  /** IP literal, e.g. `"127.0.0.1"` or `"::1"` (no brackets, no host names). */
  readonly host: string;
  /** UDP port, 0..65535 (0 only when asking a transport to pick one). */
  readonly port: number;
}

/** `host:port` (IPv6 in brackets), stable for use as a `Map` key. */
export function addressKey(address: Address): string {
  return address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

/** True when both addresses name the same endpoint. */
export function sameAddress(a: Address, b: Address): boolean {
  return a.port === b.port && a.host === b.host;
}
