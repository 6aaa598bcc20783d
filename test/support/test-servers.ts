/**
 * The programs some tests start for themselves: Debian's `redis-server` (the
 * shared run feed tests) and `chromium` (the GraphiQL browser test). Each is
 * looked for at its Debian path unless an environment variable points
 * elsewhere (`TEST_REDIS_SERVER`, `TEST_CHROMIUM`). Where one is missing the
 * tests that need it are skipped with a note (read by
 * `skipped-servers-reporter.ts`, which says so in one line at the end of the
 * run), except under `CI=true`, where they run and fail.
 * `scripts/setup-test-servers.ts` installs what is missing where it can.
 */
import { accessSync, constants } from 'node:fs';

/** What one test server is and which tests need it. */
export interface TestServer {
  /** The program, as the tests and the notes name it. */
  name: string;
  /** Where it is looked for by default (where Debian's package puts it). */
  debianPath: string;
  /** The environment variable that points the tests at another copy. */
  override: string;
  /** Debian's package that provides it. */
  debianPackage: string;
  /** The system service the package may start when installed, if any. */
  service?: string;
  /** Which tests need it, for people. */
  neededBy: string;
}

/** Every test server, by name. */
export const TEST_SERVERS = {
  'redis-server': {
    name: 'redis-server', debianPath: '/usr/bin/redis-server', override: 'TEST_REDIS_SERVER', debianPackage: 'redis-server', service: 'redis-server',
    neededBy: 'the Redis run-feed tests (test/transport/redis-feed.test.ts)',
  },
  chromium: {
    name: 'chromium', debianPath: '/usr/bin/chromium', override: 'TEST_CHROMIUM', debianPackage: 'chromium',
    neededBy: 'the GraphiQL browser test (test/e2e/browser.test.ts)',
  },
} as const satisfies Record<string, TestServer>;

/** A test server's name. */
export type TestServerName = keyof typeof TEST_SERVERS;

/** The one command that installs every missing test server (Debian, as root). */
export const SETUP_COMMAND = 'npm run setup:test-servers';

/** Every skip note for a missing server starts with this; the reporter looks for it. */
export const MISSING_NOTE = 'missing test server: ';

/** Where the tests look for `name`: its override when set, else the Debian path. */
export function serverPath(name: TestServerName, env: NodeJS.ProcessEnv = process.env): string {
  const server: TestServer = TEST_SERVERS[name];
  return env[server.override]?.trim() || server.debianPath;
}

/** True when `name` is there and executable. */
export function isInstalled(name: TestServerName, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    accessSync(serverPath(name, env), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * For a suite's `beforeEach`: skips each test with a note when `name` is
 * missing, except under `CI=true` (then the test runs and fails, saying what
 * is missing).
 */
export function skipWithout(name: TestServerName): (context: { skip(condition: boolean, note?: string): void }) => void {
  return (context) => {
    context.skip(!isInstalled(name) && process.env.CI !== 'true', `${MISSING_NOTE}${name} (${serverPath(name)})`);
  };
}

/** Throws a clear error when `name` is missing: what a test says under `CI=true`, where nothing is skipped. */
export function requireServer(name: TestServerName): string {
  const path = serverPath(name);
  if (!isInstalled(name)) {
    throw new Error(`${name} is missing at ${path}; ${TEST_SERVERS[name].neededBy} need it (install it with \`${SETUP_COMMAND}\` as root on Debian, or set ${TEST_SERVERS[name].override})`);
  }
  return path;
}
