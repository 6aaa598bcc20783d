/**
 * Who the client is, by address, for the per-client caps and the audit lines.
 * The direct peer's address, unless the peer is a proxy listed in
 * `TRUSTED_PROXIES`: then `X-Forwarded-For` is read from the right (the hop
 * the trusted proxy added last) past every trusted address, and the first
 * address that is not trusted is the client. Anything left of it was written
 * by the client itself and is never believed.
 */
import type http from 'node:http';
import net from 'node:net';

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, what a dual-stack socket reports) as plain IPv4. */
const plain = (address: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

/** One `X-Forwarded-For` entry as an address: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:80` or `::1`; undefined when it is none. */
function entryAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = plain(text);
  return net.isIP(text) !== 0 ? text : undefined;
}

/** The client address of each request, by the `TRUSTED_PROXIES` rule. */
export class ClientAddresses {
  readonly #trusted = new net.BlockList();
  readonly #any: boolean;

  /** `trusted`: addresses and CIDRs (already checked by the configuration). */
  constructor(trusted: readonly string[]) {
    this.#any = trusted.length > 0;
    for (const entry of trusted) {
      const [address = '', prefix] = entry.split('/');
      const type = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.#trusted.addAddress(address, type);
      else this.#trusted.addSubnet(address, Number(prefix), type);
    }
  }

  /** True when `address` is a trusted proxy. */
  trusts(address: string): boolean {
    if (!this.#any) return false;
    const family = net.isIP(address);
    if (family === 0) return false;
    return this.#trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address for `req` (`unknown` when the socket has none). */
  of(req: Pick<http.IncomingMessage, 'headers' | 'socket'>): string {
    const peer = plain(req.socket.remoteAddress ?? 'unknown');
    if (!this.trusts(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').slice(-32);
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const address = entryAddress(hops[i]!);
      if (address === undefined) break; // not an address: stop at the last hop that was one
      client = address;
      if (!this.trusts(address)) break;
    }
    return client;
  }
}
