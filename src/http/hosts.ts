/**
 * The hosts this gateway answers for (DNS rebinding): a page on
 * `http://evil.test:4000` whose name was rebound to the gateway's address
 * reaches it with `Host: evil.test:4000`; refusing every `Host` the gateway
 * does not serve stops it before any work, on HTTP and on the WebSocket upgrade.
 *
 * Served, whatever the port: `localhost`, any IP literal (`127.0.0.1`,
 * `[::1]`, a pod's address: a rebound page's `Host` is always the attacker's
 * name, never an address), and the hosts of `CORS_ORIGINS`. Then
 * `PUBLIC_HOSTS`: an entry without a port serves that name on any port; one
 * with a port (`tasks.example.com:8443`) only on that port. With end-user
 * sign-in and no `PUBLIC_HOSTS`, every `Host` is served: a rebound page
 * carries no sign-in token, so it can do nothing.
 */
import net from 'node:net';
import type { Config } from '../config.ts';
import { parseHostPort } from '../config/parsers.ts';

/** Most distinct `Host` values whose decision is remembered at once (then forgotten together). */
const MAX_DECIDED = 256;
/** The answer to a request whose `Host` this gateway does not serve (HTTP 421). */
export const MISDIRECTED = {
  status: 421,
  message: (host: string) => `This gateway does not answer for the host ${JSON.stringify(host.slice(0, 100))}: ` +
    'add the name clients reach it by to PUBLIC_HOSTS.',
} as const;

/** Which `Host` values the gateway serves. */
export class ExpectedHosts {
  readonly #any: boolean;
  /** Names served on any port, and `name:port` pairs served on that port only. */
  readonly #names = new Set<string>(['localhost']);
  readonly #withPort = new Set<string>();
  readonly #decided = new Map<string, boolean>();

  constructor(config: Pick<Config, 'publicHosts' | 'corsOrigins' | 'auth'>) {
    this.#any = config.publicHosts.length === 0 && config.auth !== undefined;
    const add = (entry: string) => {
      const host = parseHostPort(entry);
      if (!host) return;
      if (host.port === undefined) this.#names.add(host.name);
      else this.#withPort.add(`${host.name}:${host.port}`);
    };
    for (const host of config.publicHosts) add(host);
    for (const origin of config.corsOrigins) {
      if (origin === '*') continue;
      const url = new URL(origin);
      add(url.port === '' ? url.hostname : url.host);
    }
  }

  /** True when a request with this `Host` header is one the gateway serves (no `Host` at all: not a browser, served). */
  allows(hostHeader: string | undefined): boolean {
    if (this.#any || hostHeader === undefined) return true;
    // clients send the same few values: each decided once (the header is the client's, so the memory is bounded)
    let allowed = this.#decided.get(hostHeader);
    if (allowed === undefined) {
      if (this.#decided.size >= MAX_DECIDED) this.#decided.clear();
      allowed = this.#decide(hostHeader);
      this.#decided.set(hostHeader, allowed);
    }
    return allowed;
  }

  #decide(hostHeader: string): boolean {
    const host = parseHostPort(hostHeader);
    if (!host) return false;
    const bare = host.name.startsWith('[') ? host.name.slice(1, -1) : host.name;
    if (net.isIP(bare) !== 0 || this.#names.has(host.name)) return true;
    return host.port !== undefined && this.#withPort.has(`${host.name}:${host.port}`);
  }
}
