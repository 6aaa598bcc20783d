/**
 * Which browser origins may use the gateway: the gateway's own (the `Host`
 * it was reached at) and those in `CORS_ORIGINS` (or all, with `*`). Shared
 * by the CSRF check (HTTP) and the WebSocket upgrade.
 */

/** True when `origin` is the gateway's own (`host`) or listed in `corsOrigins`. An absent origin is not allowed here: callers decide what no origin means. */
export function originAllowed(origin: string, host: string | null | undefined, corsOrigins: readonly string[]): boolean {
  if (corsOrigins.includes('*') || corsOrigins.includes(origin)) return true;
  try {
    return host != null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
