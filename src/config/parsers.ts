/**
 * The parsers of configuration values: each takes a variable's trimmed
 * text and returns its value or throws {@link Invalid} saying what
 * it accepts. URLs are checked in one place ({@link parseUrl}).
 */
import net from 'node:net';
import { Invalid, type Parser } from './table.ts';

/** The longest delay a Node timer takes (2^31-1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Any text, as given. */
export const text: Parser<string> = (raw) => raw;

/** An integer from `min` to `max` (inclusive). */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  return (raw) => {
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Invalid(`must be ${range}`, raw);
    return Number(raw);
  };
}

/** A decimal number from `min` to `max` (inclusive). */
export function decimal(min: number, max: number): Parser<number> {
  return (raw) => {
    const value = /^-?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= min && value <= max)) throw new Invalid(`must be a number from ${min} to ${max}`, raw);
    return value;
  };
}

/** `true`, `1`, `yes`, `on` or `false`, `0`, `no`, `off`, in any case. */
export const boolean: Parser<boolean> = (raw) => {
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Invalid('must be true or false', raw);
};

/** One of `values`, in any case; returned lower-cased. */
export function oneOf<const V extends string>(values: readonly V[]): Parser<V> {
  return (raw) => {
    const value = raw.toLowerCase();
    if (!(values as readonly string[]).includes(value)) throw new Invalid(`must be one of ${values.join(', ')}`, raw);
    return value as V;
  };
}

/** Text without white space. */
export const word: Parser<string> = (raw) => {
  if (/\s/.test(raw)) throw new Invalid('must not contain white space');
  return raw;
};

/** A comma-separated list; each trimmed, non-empty entry goes through `entry` (undefined refuses it). */
export function list<T>(entry: (item: string) => T | undefined, what: string): Parser<T[]> {
  return (raw) => raw.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const value = entry(item);
    if (value === undefined) throw new Invalid(`must be a comma-separated list of ${what}`, item);
    return value;
  });
}

/** `raw` as a URL of one of `protocols` with a host, or undefined: the one URL check of the configuration. */
export function parseUrl(raw: string, protocols: readonly string[]): URL | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  return protocols.includes(url.protocol) && url.hostname !== '' ? url : undefined;
}

/** A URL with any user and password masked (`https://***@host`), to echo in an error. */
const redact = (raw: string) => raw.replace(/^([a-z][\w+.-]*:\/\/)?[^@/]*@/i, '$1***@');

/**
 * A URL of one of `protocols`, returned as given; `what` names it in the
 * error (`an http(s) URL such as https://api.arize.com`). `rule` may refuse a
 * parsed URL by returning why.
 */
export function url(protocols: readonly string[], what: string, rule?: (url: URL) => string | undefined): Parser<string> {
  return (raw) => {
    const parsed = parseUrl(raw, protocols);
    if (parsed === undefined) throw new Invalid(`must be ${what}`, redact(raw));
    const refused = rule?.(parsed);
    if (refused !== undefined) throw new Invalid(refused);
    return raw;
  };
}

/** The http and https schemes. */
export const HTTP = ['http:', 'https:'] as const;

/** An http(s) origin (`https://app.example.com`, no path), or undefined. */
export const origin = (item: string): string | undefined => (parseUrl(item, HTTP)?.origin === item ? item : undefined);

/**
 * A `Host` value (or a `PUBLIC_HOSTS` entry) as its name and port: `name`,
 * `name:port`, `[v6]` or `[v6]:port`. The name is lower-cased, a trailing dot
 * dropped; undefined when it is not a host name or an IP literal.
 */
export function parseHostPort(value: string): { name: string; port: string | undefined } | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return undefined;
  const port = match[3];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  if (match[1] !== undefined) return net.isIPv6(match[1]) ? { name: `[${match[1].toLowerCase()}]`, port } : undefined;
  const name = match[2]!.toLowerCase().replace(/\.$/, '');
  if (name === '' || name.startsWith('.') || name.includes('..')) return undefined;
  return { name, port };
}

/** An IPv4 or IPv6 address or CIDR (`10.0.0.0/8`, `fd00::/8`), or undefined. */
export function ipOrCidr(entry: string): string | undefined {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  const bits = family === 4 ? 32 : 128;
  const ok = family !== 0 && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
  return ok ? entry : undefined;
}
