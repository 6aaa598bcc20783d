/**
 * One line instead of a stack trace when a configured port is taken: the
 * gateway's `PORT` (`npm start`, `node dist/src/main.js`) and the emulator's
 * `EMULATOR_PORT` (`npm run emulator`) both exit with it, code 1.
 */

/** What a listening entry says when its port is taken. */
export interface PortOwner {
  /** The program that could not listen, e.g. `the gateway`. */
  what: string;
  /** The variable that sets its port, e.g. `PORT`. */
  variable: string;
  /** The command to suggest with another port, e.g. `npm start`. */
  command: string;
  /** What probably holds the port, e.g. `a gateway still running`. */
  likely: string;
}

/** The one line for `error` when it is a listen's EADDRINUSE, or undefined for any other error. */
export function portInUseLine(error: unknown, owner: PortOwner): string | undefined {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return undefined;
  const { port, address } = error as Error & { port?: number; address?: string };
  const where = address ? `${address}:${port ?? '?'}` : `port ${port ?? '?'}`;
  const other = typeof port === 'number' && port < 65535 ? port + 1 : 4001;
  return `${owner.what} cannot listen on ${where}: another process holds that port (${owner.likely}?). ` +
    `Stop it, or choose another port: ${owner.variable}=${other} ${owner.command}`;
}

/** Exits 1 with {@link portInUseLine} when `error` is EADDRINUSE; otherwise rethrows it unchanged. */
export function exitIfPortInUse(error: unknown, owner: PortOwner): never {
  const line = portInUseLine(error, owner);
  if (line === undefined) throw error;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
