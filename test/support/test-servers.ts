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
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
}

/** Every test server, by name. */
export const TEST_SERVERS = {
  'redis-server': {
    name: 'redis-server', debianPath: '/usr/bin/redis-server', override: 'TEST_REDIS_SERVER', debianPackage: 'redis-server', service: 'redis-server',
  },
  chromium: {
    name: 'chromium', debianPath: '/usr/bin/chromium', override: 'TEST_CHROMIUM', debianPackage: 'chromium',
  },
} as const satisfies Record<string, TestServer>;

/** A test server's name. */
export type TestServerName = keyof typeof TEST_SERVERS;

/** The one command that installs every missing test server (Debian, as root). */
export const SETUP_COMMAND = 'npm run setup:test-servers';

/** Every skip note for a missing server starts with this; the reporter looks for it. */
export const MISSING_NOTE = 'missing test server: ';

/** The repository's root (this file is test/support/test-servers.ts). */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The test files that need `name`, relative to the repository: those that call `skipWithout('<name>')`, found by reading test/. */
export function testsNeeding(name: TestServerName, root: string = ROOT): string[] {
  const marker = new RegExp(`skipWithout\\(\\s*['"]${name}['"]\\s*\\)`);
  return readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && marker.test(readFileSync(path.join(root, 'test', file), 'utf8')))
    .map((file) => path.posix.join('test', ...file.split(path.sep)))
    .sort();
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `<files> need(s) it`, with the verb agreeing. */
export function neededBy(name: TestServerName): string {
  const files = testsNeeding(name);
  return files.length === 0 ? 'no test needs it' : `${listed(files)} ${files.length === 1 ? 'needs' : 'need'} it`;
}

/** True when `TEST_*` points `name` somewhere (then nothing installs it: the variable is what to fix). */
export function isOverridden(name: TestServerName, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[TEST_SERVERS[name].override]?.trim());
}

/**
 * The command that runs {@link SETUP_COMMAND} with root's rights from here:
 * as it is for root, with `sudo` where there is one, else with `su`.
 */
export function setupCommandHere(env: NodeJS.ProcessEnv = process.env): string {
  if (process.getuid?.() === 0) return SETUP_COMMAND;
  const sudo = (env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, 'sudo')));
  return sudo ? `sudo ${SETUP_COMMAND}` : `su root -c '${SETUP_COMMAND}'`;
}

/** What makes `name` present for the tests: fixing its variable when it is set, else the setup command. */
export function remedy(name: TestServerName, env: NodeJS.ProcessEnv = process.env): string {
  const server: TestServer = TEST_SERVERS[name];
  return isOverridden(name, env)
    ? `set ${server.override} to a ${name} that exists, or unset it to use ${server.debianPath}`
    : `install it with: ${setupCommandHere(env)}`;
}

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
  const where = serverPath(name);
  if (!isInstalled(name)) {
    throw new Error(`${name} is missing at ${where}; ${neededBy(name)} (${remedy(name)})`);
  }
  return where;
}
