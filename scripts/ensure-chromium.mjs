// Makes sure Debian's Chromium is at /usr/bin/chromium for the GraphiQL
// browser test: installs it with apt-get when missing and possible (Debian,
// root). Run by `npm test` (pretest) and `.ci/run`. Never downloads a browser
// of its own. Where it cannot install, it says so and the browser test is
// skipped (outside CI only: under CI=true that test fails instead).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const canInstall = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (!canInstall) {
    console.warn(`note: ${CHROMIUM} is missing and cannot be installed here (needs Debian's apt-get as root); the GraphiQL browser test will be skipped.`);
  } else {
    console.log("Installing Debian's chromium for the GraphiQL browser test (apt-get, once)...");
    try {
      execSync('apt-get update -qq && apt-get install -y -qq chromium >/dev/null', {
        stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      console.warn('warning: could not install chromium; the GraphiQL browser test will be skipped (or fail under CI).');
    }
  }
}
