// Makes sure the servers some tests need are installed from Debian's
// packages: Chromium (/usr/bin/chromium) for the GraphiQL browser test and
// redis-server (/usr/bin/redis-server) for the shared run feed tests. It
// installs them with apt-get when missing and possible (Debian, root); the
// tests start them themselves on free ports. Run by `npm test` (pretest) and
// `.ci/run`. Never downloads a browser of its own. Where it cannot install,
// it says so and those tests are skipped (outside CI only: under CI=true
// they fail instead).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const canInstall = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
let updated = false;
/** Installs Debian's `pkg` when `binary` is missing; returns false when it cannot. */
function ensure(binary, pkg, purpose) {
  if (existsSync(binary)) return true;
  if (!canInstall) {
    console.warn(`note: ${binary} is missing and cannot be installed here (needs Debian's apt-get as root); ${purpose} will be skipped.`);
    return false;
  }
  console.log(`Installing Debian's ${pkg} for ${purpose} (apt-get, once)...`);
  try {
    execSync(`${updated ? '' : 'apt-get update -qq && '}apt-get install -y -qq ${pkg} >/dev/null`, {
      stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    updated = true;
    return true;
  } catch {
    console.warn(`warning: could not install ${pkg}; ${purpose} will be skipped (or fail under CI).`);
    return false;
  }
}

ensure('/usr/bin/redis-server', 'redis-server', 'the Redis run-feed tests');
// apt may start a system redis service; the tests start their own on free ports and never use it
try { execSync('service redis-server stop >/dev/null 2>&1'); } catch { /* no service: nothing to stop */ }

ensure('/usr/bin/chromium', 'chromium', 'the GraphiQL browser test');
