/**
 * `npm run setup:test-servers` (and `npm test`'s `pretest`, with `--pretest`):
 * installs the test servers that are missing (test/support/test-servers.ts:
 * Debian's redis-server and chromium) with apt-get, where it can (Linux,
 * apt-get, root), saying so in one line before it does. It never stops or
 * changes a system service, except one that this same install just started
 * (apt starts redis-server's): the service's own state (`systemctl
 * is-active`, or `service <name> status` without systemd) is read before and
 * after the install, and only a service that was not running before and is
 * after is stopped again, saying so; a redis-server some other program runs
 * is not the service and is never touched. A server pointed elsewhere by its
 * variable (`TEST_REDIS_SERVER`, `TEST_CHROMIUM`) is never installed: the
 * note says to fix the variable. Nothing is printed when everything is there.
 *
 * Exit code: 0 when every server is there; 1 when one is still missing,
 * except with `--pretest` outside `CI=true`, where the tests that need it are
 * skipped and the run's last line says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEST_SERVERS, isInstalled, isOverridden, neededBy, remedy, serverPath, type TestServer, type TestServerName } from '../test/support/test-servers.ts';

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

/**
 * Whether the system service `name` is running, by its own account:
 * `systemctl is-active` where systemd runs, else `service <name> status`
 * (Debian's init script reads the service's pidfile). False when neither can
 * tell, so nothing is stopped on a guess.
 */
function serviceRunning(name: string): boolean {
  const quietly = { stdio: 'ignore' as const, timeout: 10_000 };
  try {
    if (existsSync('/run/systemd/system') && onPath('systemctl')) {
      execFileSync('systemctl', ['is-active', '--quiet', name], quietly);
    } else if (onPath('service')) {
      execFileSync('service', [name, 'status'], quietly);
    } else {
      return false;
    }
    return true; // exit 0: active / running
  } catch {
    return false;
  }
}

/** What happens to the tests that need a missing server, said for the way this script was run. */
function consequence(): string {
  if (ci) return 'under CI=true they run and fail';
  return pretest ? 'npm test skips them' : 'npm test will skip them (under CI=true they fail)';
}

const missing = (Object.keys(TEST_SERVERS) as TestServerName[]).filter((name) => !isInstalled(name));
const blocked = whyNoInstall();
let aptUpdated = false;
let stillMissing = 0;

for (const name of missing) {
  const server: TestServer = TEST_SERVERS[name];
  const where = serverPath(name);
  const reason = isOverridden(name) ? `${server.override} points at it` : blocked;
  if (reason) {
    stillMissing++;
    // for root on Debian the only reason left is the variable; anywhere else the command names what would work
    const fix = isOverridden(name) || blocked === 'apt-get needs root' ? remedy(name) : `install ${name} yourself and set ${server.override} to it`;
    console.warn(`note: ${name} is missing at ${where} and cannot be installed here (${reason}); ${neededBy(name)}: ${consequence()}. To run them, ${fix}.`);
    continue;
  }
  const commands = `${aptUpdated ? '' : 'apt-get update && '}apt-get install -y ${server.debianPackage}`;
  console.log(`Installing Debian's ${server.debianPackage} (${neededBy(name)}): ${commands}`);
  const before = server.service ? serviceRunning(server.service) : true;
  try {
    if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    aptUpdated = true;
    execFileSync('apt-get', ['install', '-y', '-qq', server.debianPackage], {
      stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.warn(`warning: apt-get could not install ${server.debianPackage}; ${neededBy(name)}: ${consequence()}.`);
  }
  if (!isInstalled(name)) {
    stillMissing++;
    continue;
  }
  // the tests start their own on free ports; the service this install started is stopped again, and only that
  if (server.service && !before && serviceRunning(server.service)) {
    console.log(`The install started the ${server.service} service (it was not running before); stopping it again, since the tests start their own: service ${server.service} stop`);
    try {
      execFileSync('service', [server.service, 'stop'], { stdio: 'ignore' });
    } catch {
      console.warn(`warning: could not stop the ${server.service} service the install started; it is still running.`);
    }
  }
}

process.exit(stillMissing > 0 && (!pretest || ci) ? 1 : 0);
