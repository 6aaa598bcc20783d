/**
 * A clone carries its own contract: the repository's tracked files, copied
 * to a temporary folder with nothing beside it (no `../shared`), run the
 * contract tier (client, emulator and OpenAPI against each other) and pass.
 * `node_modules` is linked, not installed, to keep this fast.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tracked = (() => {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
})();
if (!tracked && process.env.CI !== 'true') console.log('note: this checkout is not a git work tree; the clean-clone test (which copies `git ls-files`) is skipped.');

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gateway-clone-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface VitestJson {
  numFailedTests: number; numPassedTests: number; numPendingTests: number;
  testResults: Array<{ name: string; status: string; message: string; assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }> }>;
}

describe('a clone with nothing beside it', () => {
  it.skipIf(!tracked && process.env.CI !== 'true')('runs the contract tier and passes, skipping only the comparison with ../shared', async () => {
    if (!tracked) throw new Error(`${root} is not a git work tree: nothing says which files a clone holds`);
    const clone = path.join(scratch, 'repo');
    for (const file of tracked) {
      if (!existsSync(path.join(root, file))) continue; // deleted in the work tree, not yet committed
      mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(clone, file));
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    expect(existsSync(path.join(scratch, 'shared'))).toBe(false);

    // GraphiQL's bundle is built by `npm test`'s pretest, not tracked: the clone takes the one this run built
    // (building it in the clone would resolve the linked node_modules outside it)
    cpSync(path.join(root, 'dist/graphiql'), path.join(clone, 'dist/graphiql'), { recursive: true });

    const report = path.join(scratch, 'contract.json');
    // the child is a fresh vitest: none of this worker's VITEST_* variables
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
    const output = await new Promise<string>((resolve) => {
      execFile(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/contract', '--reporter=json', `--outputFile=${report}`, '--reporter=default'], {
        cwd: clone, env: { ...env, CI: 'false', FORCE_COLOR: '0' }, timeout: 150_000, maxBuffer: 16 * 1024 * 1024,
      }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
    });
    expect(existsSync(report), `vitest wrote no report:\n${output.slice(-3000)}`).toBe(true);
    const result = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    const failed = result.testResults.flatMap((file) => [
      ...(file.status === 'failed' && file.assertionResults.length === 0 ? [`${path.relative(clone, file.name)}: ${file.message}`] : []),
      ...file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${path.relative(clone, file.name)} > ${t.fullName}: ${t.failureMessages?.[0]?.split('\n')[0] ?? ''}`),
    ]);
    expect(failed, `failed in the clone:\n${failed.join('\n')}`).toEqual([]);
    expect(result.numPassedTests).toBeGreaterThan(50);
    // the one comparison that needs ../shared is skipped, and the run says why
    const skipped = result.testResults.flatMap((file) => file.assertionResults.filter((t) => t.status === 'skipped' || t.status === 'pending').map((t) => t.fullName));
    expect(skipped).toEqual(['contract/arize-openapi.yaml is the same document as ../shared/arize-tasks-openapi.yaml']);
    expect(output).toContain('is not beside this checkout; the comparison with contract/arize-openapi.yaml is skipped');
  }, 180_000);
});
