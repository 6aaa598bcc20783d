/**
 * `npm test` on any machine: `scripts/setup-test-servers.ts` (pretest and
 * `npm run setup:test-servers`) installs nothing and touches no service when
 * the test servers are there, says in one line what it cannot install, and a
 * run without a server skips the tests that need it and says so in its last
 * line, except under `CI=true`, where they fail. Whatever this machine
 * has, each child sees exactly the servers a test gives it: both variables
 * (`TEST_REDIS_SERVER`, `TEST_CHROMIUM`) point either at an executable
 * stand-in (a server that is there) or at nothing (one that is missing);
 * `apt-get` and `service` are replaced on PATH by stand-ins that only write
 * down their arguments.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testsNeeding } from '../support/test-servers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'test-servers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const calls = path.join(scratch, 'calls.log');
for (const tool of ['apt-get', 'service']) {
  const file = path.join(scratch, tool);
  writeFileSync(file, `#!/bin/sh\necho "${tool} $*" >> '${calls}'\n`);
  chmodSync(file, 0o755);
}
const called = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '');
// a server that is there: executable, never started by these tests (the setup script only checks it exists)
const present = path.join(scratch, 'present-server');
writeFileSync(present, '#!/bin/sh\nexit 0\n');
chmodSync(present, 0o755);
const absent = (name: string) => path.join(scratch, `no-such-${name}`);

/** A clean environment for a child: no vitest worker variables, CI as given, stand-ins first on PATH. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'CI'));
  return { ...base, PATH: `${scratch}${path.delimiter}${process.env.PATH ?? ''}`, FORCE_COLOR: '0', NO_COLOR: '1', ...env };
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, env: childEnv(env), timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const TSX = 'node_modules/tsx/dist/cli.mjs';
const VITEST = 'node_modules/vitest/vitest.mjs';
const BOTH_THERE = { TEST_REDIS_SERVER: present, TEST_CHROMIUM: present };
const NO_REDIS = { TEST_REDIS_SERVER: absent('redis-server'), TEST_CHROMIUM: present };
const NEITHER = { TEST_REDIS_SERVER: absent('redis-server'), TEST_CHROMIUM: absent('chromium') };

describe('scripts/setup-test-servers.ts', () => {
  it('installs nothing, touches no service and prints nothing when the servers are there', async () => {
    rmSync(calls, { force: true });
    for (const args of [[TSX, 'scripts/setup-test-servers.ts', '--pretest'], [TSX, 'scripts/setup-test-servers.ts']]) {
      const { code, out } = await run(args, BOTH_THERE);
      expect(out).toBe('');
      expect(code).toBe(0);
    }
    expect(called()).toBe('');
  }, 60_000);

  it('says in one line that a server it cannot install is missing, and exits 0 for pretest, 1 under CI=true or on its own', async () => {
    rmSync(calls, { force: true });
    const pretest = await run([TSX, 'scripts/setup-test-servers.ts', '--pretest'], NO_REDIS);
    expect(pretest.code).toBe(0);
    const lines = pretest.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    // every file that skips without redis-server, found in test/, with the verb agreeing; the variable is what to fix, not sudo
    expect(lines[0]).toBe(`note: redis-server is missing at ${absent('redis-server')} and cannot be installed here (TEST_REDIS_SERVER points at it); `
      + 'test/transport/honest-writes-replicas.test.ts, test/transport/redis-chaos.test.ts, test/transport/redis-feed.test.ts and test/transport/redis-messages.test.ts need it: npm test skips them. '
      + 'To run them, set TEST_REDIS_SERVER to a redis-server that exists, or unset it to use /usr/bin/redis-server.');
    expect(testsNeeding('redis-server')).toEqual(['test/transport/honest-writes-replicas.test.ts', 'test/transport/redis-chaos.test.ts', 'test/transport/redis-feed.test.ts', 'test/transport/redis-messages.test.ts']);

    const underCi = await run([TSX, 'scripts/setup-test-servers.ts', '--pretest'], { ...NO_REDIS, CI: 'true' });
    expect(underCi.code).toBe(1);
    expect(underCi.out).toMatch(/need it: under CI=true they run and fail\./);
    const alone = await run([TSX, 'scripts/setup-test-servers.ts'], NO_REDIS);
    expect(alone.code).toBe(1);
    expect(alone.out).toMatch(/need it: npm test will skip them \(under CI=true they fail\)\./);
    expect(alone.out).not.toMatch(/sudo|setup:test-servers/);
    expect(called()).toBe(''); // a server pointed elsewhere is never installed, and no service is touched
  }, 60_000);

  it('says one line per missing server when both are missing', async () => {
    rmSync(calls, { force: true });
    const { code, out } = await run([TSX, 'scripts/setup-test-servers.ts', '--pretest'], NEITHER);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith('note: redis-server is missing at '))).toMatch(/no-such-redis-server/);
    expect(lines.find((line) => line.startsWith('note: chromium is missing at '))).toMatch(/no-such-chromium.*; test\/e2e\/browser\.test\.ts needs it: npm test skips them\. To run them, set TEST_CHROMIUM /);
    expect(called()).toBe('');
  }, 60_000);
});

describe('a test run without a server', () => {
  it('skips the tests that need it and ends with one line: the tier, the file, and what to do (here: fix the variable that points at nothing)', async () => {
    const { code, out } = await run([VITEST, 'run', 'test/transport/redis-feed.test.ts'], NO_REDIS);
    expect(code).toBe(0);
    expect(out).toMatch(/Tests\s+\d+ skipped/);
    const last = out.trim().split('\n').at(-1);
    expect(last).toMatch(/^Skipped for a missing test server: transport: test\/transport\/redis-feed\.test\.ts \(\d+ tests, needs redis-server \(\S+no-such-redis-server\)\)\. TEST_REDIS_SERVER points at a redis-server that is not there: fix it, or unset it to use \/usr\/bin\/redis-server$/);
  }, 90_000);

  it('fails them under CI=true, saying what is missing', async () => {
    const { code, out } = await run([VITEST, 'run', 'test/transport/redis-feed.test.ts'], { ...NO_REDIS, CI: 'true' });
    expect(code).not.toBe(0);
    expect(out).toMatch(/redis-server is missing at \S+no-such-redis-server/);
    expect(out).not.toMatch(/skipped/);
    expect(out).not.toMatch(/Skipped for a missing test server/);
  }, 90_000);
});
