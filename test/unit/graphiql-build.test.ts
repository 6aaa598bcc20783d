/**
 * graphiql/build.ts's eager module inits, on real esbuild output: every
 * module wrapper becomes a parenthesized `function`, and the program does
 * what it did before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eagerModuleInits } from '../../graphiql/build.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'graphiql-build-'));
  // an entry reaching an ES module and two CommonJS ones through import(), as graphiql/start.ts does
  await writeFile(path.join(dir, 'start.ts'), "void import('./app.ts').then((app) => app.run());\n");
  await writeFile(path.join(dir, 'app.ts'), [
    "import twice from './twice.cjs';",
    "import { shout } from './shout.cjs';",
    'const made = [twice(21)];',
    'const top = typeof this; // an ES module\'s top-level `this`: undefined, as arrow or as function',
    'export function run() { (globalThis as any).log(made[0], shout("ok"), top); }',
  ].join('\n'));
  await writeFile(path.join(dir, 'twice.cjs'), 'module.exports = function twice(n) { return n * 2; };\n');
  // a UMD-style module: its top-level `this` is `exports` once esbuild wraps it
  await writeFile(path.join(dir, 'shout.cjs'), '(function (root) { root.shout = (s) => s.toUpperCase() + "!"; })(this);\n');
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function bundle(options: esbuild.BuildOptions = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'start.ts')], bundle: true, format: 'iife', write: false, logLevel: 'silent',
    minifyIdentifiers: true, minifySyntax: true, ...options,
  });
  return result.outputFiles![0]!.text;
}

async function run(js: string): Promise<unknown[][]> {
  const logs: unknown[][] = [];
  vm.runInNewContext(js, { log: (...values: unknown[]) => logs.push(values) });
  await new Promise((resolve) => setTimeout(resolve, 10)); // the entry's import() settles in a microtask
  return logs;
}

describe('GraphiQL build: eager module inits', () => {
  it('wraps each module esbuild wraps, and the program does the same', async () => {
    const js = await bundle();
    const { js: eager, wrapped } = eagerModuleInits(js);
    expect(wrapped).toBe(3); // app.ts, twice.cjs, shout.cjs
    expect(eager.match(/\(\(function\(/g)).toHaveLength(3);
    expect(eager).not.toMatch(/ = [\w$]+\((?:\([\w$, ]*\)|[\w$]+) => \{$/m); // no wrapper left as an arrow
    expect(await run(js)).toEqual([[42, 'OK!', 'undefined']]);
    expect(await run(eager)).toEqual([[42, 'OK!', 'undefined']]);
  });

  it('keeps the parentheses (the hint) through esbuild minifying the whitespace', async () => {
    const { js } = eagerModuleInits(await bundle());
    const minified = (await esbuild.transform(js, { minifyWhitespace: true })).code;
    expect(minified.match(/\(\(function\(/g)).toHaveLength(3);
    expect(await run(minified)).toEqual([[42, 'OK!', 'undefined']]);
  });

  it('refuses output it does not recognize instead of guessing', async () => {
    expect(() => eagerModuleInits(`(() => {\n  console.log(1);\n})();\n`)).toThrow(/module wrappers .* were not found/);
    const minified = await bundle({ minify: true }); // one line: nothing to read
    expect(() => eagerModuleInits(minified)).toThrow(/not found/);
  });
});
