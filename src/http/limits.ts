import net from 'node:net';

/** The eight 16-bit groups of an IPv6 address (one `net.isIP` took), a dotted IPv4 tail read as its last two. */
function groupsOf(address: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const [a = 0, b = 0, c = 0, d = 0] = dotted ? dotted.slice(1).map(Number) : [];
  const hex = dotted ? `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}` : address;
  const [head = '', tail] = hex.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return all.map((group) => parseInt(group, 16));
}

/**
 * What one client is for a cap: an IPv4 address (also written IPv4-mapped,
 * `::ffff:10.0.0.1` or `::ffff:a00:1`), or the /64 of an IPv6 one (the block
 * one host or LAN is given: a host picks any address in it, so a cap per
 * address would be one per attempt).
 */
export function capKeyOf(address: string): string {
  const bare = address.split('%')[0]!; // a zone (`fe80::1%eth0`) names no other host
  if (net.isIP(bare) !== 6) return address;
  const g = groupsOf(bare);
  if (g.slice(0, 5).every((group) => group === 0) && g[5] === 0xffff) return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return `${g.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}

/** Open connections (WebSockets, event streams, graphql-sse reservations) per client (IPv4 address, IPv6 /64), with a cap. */
export class PerClientLimit {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for the client at `address`; undefined when it already holds `max`. Give it back with the returned release (idempotent). */
  take(address: string): (() => void) | undefined {
    const client = capKeyOf(address);
    const open = this.#open.get(client) ?? 0;
    if (open >= this.max) return undefined;
    this.#open.set(client, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(client) ?? 1) - 1;
      if (left <= 0) this.#open.delete(client);
      else this.#open.set(client, left);
    };
  }
}
