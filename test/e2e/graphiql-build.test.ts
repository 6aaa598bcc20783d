/**
 * `npm run build:graphiql` (prestart, predev, pretest) skips the build when
 * nothing it is made from changed: the manifest's fingerprint of graphiql/
 * and package-lock.json matches and every file it names is there. Run on a
 * temporary copy of the package (graphiql/, package.json, package-lock.json,
 * tsconfig.json, the built dist/graphiql; node_modules linked), never on the
 * real dist/graphiql.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const copy = mkdtempSync(path.join(os.tmpdir(), 'graphiql-build-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs graphiql/build.ts in `cwd` with `args`; resolves with its exit code and output. */
function build(cwd: string, args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'graphiql/build.ts', ...args], { cwd, timeout: 170_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const dist = path.join(copy, 'dist/graphiql');
/** Every file of the copy's bundle with its modification time. */
const mtimes = () => Object.fromEntries(readdirSync(dist).map((name) => [name, statSync(path.join(dist, name)).mtimeMs]));
const manifest = () => JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as { inputs?: string; styles: string[] };

beforeAll(async () => {
  // the real bundle, current (pretest has built it; a build here when it has not), copied with the sources it was built from
  const real = await build(root);
  expect(real.code, real.out).toBe(0);
  for (const file of ['graphiql', 'package.json', 'package-lock.json', 'tsconfig.json', 'dist/graphiql']) {
    cpSync(path.join(root, file), path.join(copy, file), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
}, 180_000);

describe('npm run build:graphiql', () => {
  it('with nothing changed says the bundle is current and does not build it again', async () => {
    const before = mtimes();
    const { code, out } = await build(copy);
    expect(code, out).toBe(0);
    expect(out.trim()).toMatch(/^dist\/graphiql: current \(.*\); `npm run build:graphiql -- --force` rebuilds it anyway$/);
    expect(mtimes()).toEqual(before); // esbuild wrote nothing, nothing was compressed or replaced
  }, 60_000);

  it('builds again, saying so first, when a source file changed, and is current after that', async () => {
    const { inputs, styles } = manifest();
    appendFileSync(path.join(copy, 'graphiql/page.css'), '\n.graphiql-build-test { order: 7; }\n');
    const changed = await build(copy);
    expect(changed.code, changed.out).toBe(0);
    const lines = changed.out.trim().split('\n');
    expect(lines[0]).toBe("building GraphiQL's page into dist/graphiql (about a minute the first time)...");
    expect(lines.at(-1)).toMatch(/^dist\/graphiql: built in /);
    expect(manifest().inputs).not.toBe(inputs);
    expect(manifest().styles).not.toEqual(styles); // the stylesheet is new (its hash is its content's)
    expect(readFileSync(path.join(dist, manifest().styles[0]!), 'utf8').includes('.graphiql-build-test{order:7}')).toBe(true);

    const before = mtimes();
    const again = await build(copy);
    expect(again.out).toMatch(/^dist\/graphiql: current/);
    expect(mtimes()).toEqual(before);
  }, 180_000);

  it('builds when a file the manifest names is gone, and with --force whatever the fingerprint says', async () => {
    const gone = manifest().styles[0]!;
    rmSync(path.join(dist, `${gone}.br`));
    const missing = await build(copy);
    expect(missing.out).toMatch(/^building GraphiQL's page/);
    expect(statSync(path.join(dist, `${gone}.br`)).isFile()).toBe(true);

    const forced = await build(copy, ['--force']);
    expect(forced.code, forced.out).toBe(0);
    expect(forced.out).toMatch(/^building GraphiQL's page[^]*built in /);
  }, 180_000);
});
