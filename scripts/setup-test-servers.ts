/**
 * `npm run setup:test-servers` (and `npm test`'s `pretest`, with `--pretest`):
 * installs the test servers that are missing (test/support/test-servers.ts:
 * Debian's redis-server and chromium) with apt-get, where it can (Linux,
 * apt-get, root), saying so in one line before it does. It never stops or
 * changes a system service, except one that this same install just started
 * (apt starts redis-server's): that one it stops again, and says so. A server
 * pointed elsewhere by its variable (`TEST_REDIS_SERVER`, `TEST_CHROMIUM`) is
 * never installed. Nothing is printed when everything is there.
 *
 * Exit code: 0 when every server is there; 1 when one is still missing,
 * except with `--pretest` outside `CI=true`, where the tests that need it are
 * skipped and the run's last line says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SETUP_COMMAND, TEST_SERVERS, isInstalled, serverPath, type TestServer, type TestServerName } from '../test/support/test-servers.ts';

const pretest = process.argv.includes('--pretest');
const ci = process.env.CI === 'true';

/** The first `name` on PATH, or undefined. */
function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Why apt-get cannot be used here, or undefined when it can. */
function whyNoInstall(): string | undefined {
  if (process.platform !== 'linux' || !onPath('apt-get')) return 'no apt-get here (not Debian)';
  if (process.getuid?.() !== 0) return 'apt-get needs root';
  return undefined;
}

/** Process ids running `command` now (Linux's /proc; empty elsewhere). */
function running(command: string): Set<number> {
  const found = new Set<number>();
  if (!existsSync('/proc')) return found;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) found.add(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return found;
}

const missing = (Object.keys(TEST_SERVERS) as TestServerName[]).filter((name) => !isInstalled(name));
const blocked = whyNoInstall();
let aptUpdated = false;
let stillMissing = 0;

for (const name of missing) {
  const server: TestServer = TEST_SERVERS[name];
  const where = serverPath(name);
  const reason = process.env[server.override]?.trim() ? `${server.override} points at it` : blocked;
  if (reason) {
    stillMissing++;
    const consequence = pretest && !ci ? 'those tests will be skipped' : 'those tests will fail';
    const fix = blocked === 'apt-get needs root' && !process.env[server.override]?.trim() ? ` (as root: sudo ${SETUP_COMMAND})` : '';
    console.warn(`note: ${name} is missing at ${where} and cannot be installed here (${reason}); ${server.neededBy} need it, ${consequence}${fix}.`);
    continue;
  }
  const commands = `${aptUpdated ? '' : 'apt-get update && '}apt-get install -y ${server.debianPackage}`;
  console.log(`Installing Debian's ${server.debianPackage} for ${server.neededBy}: ${commands}`);
  const before = server.service ? running(name) : new Set<number>();
  try {
    if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    aptUpdated = true;
    execFileSync('apt-get', ['install', '-y', '-qq', server.debianPackage], {
      stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.warn(`warning: apt-get could not install ${server.debianPackage}; ${server.neededBy} will be ${pretest && !ci ? 'skipped' : 'failing'}.`);
  }
  if (!isInstalled(name)) {
    stillMissing++;
    continue;
  }
  // the tests start their own on free ports; a service this install started is stopped again, and only that
  if (server.service) {
    const started = [...running(name)].filter((pid) => !before.has(pid));
    if (started.length > 0) {
      console.log(`The install started the ${server.service} service (pid ${started.join(', ')}); stopping it again, since the tests start their own: service ${server.service} stop`);
      try {
        execFileSync('service', [server.service, 'stop'], { stdio: 'ignore' });
      } catch {
        console.warn(`warning: could not stop the ${server.service} service the install started; it is still running.`);
      }
    }
  }
}

process.exit(stillMissing > 0 && (!pretest || ci) ? 1 : 0);
