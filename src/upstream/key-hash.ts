/**
 * The one hash of an API key: what audit lines, replays, run pollers and the
 * Redis feed use to tell keys apart without holding them. (Shared in-flight
 * GETs use the key itself, for as long as the call that holds it lasts.)
 */
import { hash } from 'node:crypto';

/** A hash of an API key (22 base64url characters of its SHA-256): never the key, enough to tell keys apart. */
export function keyHashOf(apiKey: string): string {
  // the one-shot form: a Hash object per request costs several times as much
  return hash('sha256', apiKey, 'base64url').slice(0, 22);
}
