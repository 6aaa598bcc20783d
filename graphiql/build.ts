/**
 * `npm run build:graphiql`: bundles the GraphiQL page (graphiql/app.tsx) and
 * Monaco's three workers with esbuild's own options into `dist/graphiql/`:
 * every file under a content-hashed name, each with its brotli and gzip forms
 * beside it, and `manifest.json`, which tells the gateway
 * (src/plugins/use-graphiql.ts) what the page loads. The gateway only reads
 * this folder; it never bundles. See graphiql/README.md.
 *
 * A build is skipped (`dist/graphiql: current`) when the manifest's
 * `inputs` fingerprint (of every file in graphiql/, this one included, and
 * package-lock.json) matches the files now and every file the manifest names
 * is there; `--force` builds anyway.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The package root: esbuild's working directory, to which its metafile's paths are relative. */
const ROOT = path.resolve(HERE, '..');

/** Where the bundle goes, relative to the package root. */
export const GRAPHIQL_DIST = 'dist/graphiql';

/** What the gateway reads from `manifest.json`: file names inside `dist/graphiql/`. */
export interface GraphiQLManifest {
  /** The page's module script. */
  script: string;
  /** Stylesheets: the entry's (with the CSS of the chunks it loads later), and any chunk's that adds to it. */
  styles: string[];
  /** Chunks the page needs before it is usable (the entry's imports, the editor's and what those load), preloaded beside the script. */
  preload: string[];
  /** Monaco's workers by the label Monaco asks for (`editorWorkerService`, `json`, `graphql`). */
  workers: Record<string, string>;
  /** The {@link inputsFingerprint} the bundle was built from; a build with the same one is skipped. */
  inputs?: string;
}

/**
 * A sha256 of what the bundle is made from: every file in `root`'s graphiql/
 * (the page's sources and this script, READMEs aside) and package-lock.json
 * (every package esbuild reads), by relative path and content.
 */
export async function inputsFingerprint(root: string = ROOT): Promise<string> {
  const files = (await readdir(path.join(root, 'graphiql'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.md'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  const hash = createHash('sha256');
  for (const file of [...files, 'package-lock.json'].sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when `out` holds a whole bundle built from `fingerprint`: its manifest says so and every file it names is there with its compressed forms. */
export async function isCurrent(out: string, fingerprint: string): Promise<boolean> {
  let manifest: GraphiQLManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as GraphiQLManifest;
  } catch {
    return false;
  }
  if (manifest.inputs !== fingerprint) return false;
  const named = [manifest.script, ...manifest.styles, ...manifest.preload, ...Object.values(manifest.workers ?? {})];
  if (named.some((name) => typeof name !== 'string')) return false;
  try {
    await Promise.all(named.flatMap((name) => [name, `${name}.br`, `${name}.gz`]).map((name) => stat(path.join(out, name))));
    return true;
  } catch {
    return false;
  }
}

/** Modules @graphiql/react imports with `import()` as its editors mount: on the way to a usable page, so preloaded with what they import. */
const EDITOR_MODULES = ['node_modules/monaco-graphql/esm/monaco-editor.js', 'node_modules/monaco-graphql/esm/lite.js'];

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  entryNames: '[name]-[hash]',
  metafile: true,
} satisfies esbuild.BuildOptions;

/** The page's files (names inside `outdir`, relative to {@link ROOT}), from esbuild's metafile: its script, its stylesheets and what to preload. */
function pageFiles(metafile: esbuild.Metafile, outdir: string): Omit<GraphiQLManifest, 'workers'> {
  const outputs = metafile.outputs;
  const name = (output: string) => path.relative(outdir, output);
  const script = Object.keys(outputs).find((output) => outputs[output]!.entryPoint === 'graphiql/app.tsx')!;
  /** An output and every chunk it imports (statically; with `lazy`, by `import()` too), depth first. */
  const closure = (output: string, lazy: boolean, seen = new Set<string>()): Set<string> => {
    if (seen.has(output)) return seen;
    seen.add(output);
    for (const { path: imported, kind } of outputs[output]!.imports) if (kind === 'import-statement' || (lazy && kind === 'dynamic-import')) closure(imported, lazy, seen);
    return seen;
  };
  // by suffix: when node_modules is a link (a temporary copy of the package), esbuild names the place it points to
  const editor = Object.keys(outputs).filter((output) => EDITOR_MODULES.some((module) => (outputs[output]!.entryPoint ?? '').endsWith(module)));
  if (editor.length !== EDITOR_MODULES.length) throw new Error(`the editor's modules (${EDITOR_MODULES.join(', ')}) are no longer split out: see graphiql/README.md`);
  // the editor's modules load theirs as they start (the GraphQL and JSON modes, the GraphQL tokenizer): all on the way
  const preload = new Set([...closure(script, false), ...editor.flatMap((output) => [...closure(output, true)])]);
  preload.delete(script);
  // esbuild puts the CSS of every module the entry reaches, lazily loaded ones too, in the entry's stylesheet; a lazily
  // loaded chunk's own stylesheet repeats part of it (for a page that loads the chunk alone) and is linked only if it adds something
  const entryStyle = outputs[script]!.cssBundle!;
  const styled = new Set(Object.keys(outputs[entryStyle]!.inputs));
  const more = Object.keys(outputs).filter((output) => output.endsWith('.css') && Object.keys(outputs[output]!.inputs).some((input) => !styled.has(input)));
  return { script: name(script), styles: [entryStyle, ...more].map(name), preload: [...preload].map(name) };
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Writes `file` under a temporary name, then renames it: a reader sees the old file or the new one, whole. */
async function writeWhole(file: string, data: string | Buffer): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, data);
  await rename(partial, file);
}

/**
 * Puts the files esbuild wrote to `staging` into `out`. A name already there
 * (names carry a hash of the content) is the same file and keeps its
 * compressed forms; a new file gets `.br` (brotli 11, about 13 s for the
 * whole bundle here) and `.gz` (gzip 9) forms beside it, so the gateway
 * compresses nothing. Then `manifest.json` is replaced, and what it no longer
 * names goes. A rebuild with nothing changed costs esbuild's second or two.
 */
async function install(staging: string, out: string, manifest: GraphiQLManifest): Promise<{ files: number; compressed: number }> {
  await mkdir(out, { recursive: true });
  const built = await readdir(staging);
  const present = new Set(await readdir(out));
  const fresh = built.filter((name) => !(present.has(name) && present.has(`${name}.br`) && present.has(`${name}.gz`)));
  await Promise.all(fresh.map(async (name) => {
    const body = await readFile(path.join(staging, name));
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzip(body, { level: 9 }),
    ]);
    await writeWhole(path.join(out, `${name}.br`), br);
    await writeWhole(path.join(out, `${name}.gz`), gz);
    await writeWhole(path.join(out, name), body); // last: the gateway lists the folder by these names
  }));
  await writeWhole(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const keep = new Set(['manifest.json', ...built.flatMap((name) => [name, `${name}.br`, `${name}.gz`])]);
  for (const name of await readdir(out)) if (!keep.has(name) && !name.endsWith('.tmp')) await rm(path.join(out, name), { force: true });
  return { files: built.length, compressed: fresh.length };
}

/** Bundles the page and the workers into `out` (see {@link install}); `inputs` is written into the manifest. */
export async function buildGraphiQL(out: string, inputs?: string): Promise<{ manifest: GraphiQLManifest; files: number; compressed: number }> {
  const staging = `${out}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  try {
    const page = await esbuild.build({
      ...common,
      entryPoints: { graphiql: path.join(HERE, 'app.tsx') },
      absWorkingDir: ROOT,
      outdir: staging,
      format: 'esm',
      splitting: true,
      jsx: 'automatic',
      chunkNames: 'chunk-[hash]',
      assetNames: '[name]-[hash]',
      loader: { '.ttf': 'file' }, // Monaco's icon font
    });
    const workers = await esbuild.build({
      ...common,
      entryPoints: {
        'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
        'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
        'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
      },
      absWorkingDir: ROOT,
      outdir: staging,
      format: 'iife',
    });
    // the fingerprint covers graphiql/ and the packages: a page that read a file of ours elsewhere would escape it
    const outside = Object.keys(page.metafile.inputs).filter((input) => !input.startsWith('graphiql/') && !input.includes('node_modules/'));
    if (outside.length > 0) throw new Error(`the page reads ${outside.join(', ')}, outside graphiql/: add it to inputsFingerprint() in graphiql/build.ts`);
    const outdir = path.relative(ROOT, staging);
    const workerFile = (label: string) => path.relative(outdir, Object.keys(workers.metafile.outputs).find((o) => path.basename(o).startsWith(`${label}.worker-`))!);
    const manifest: GraphiQLManifest = {
      ...pageFiles(page.metafile, outdir),
      workers: { editorWorkerService: workerFile('editor'), json: workerFile('json'), graphql: workerFile('graphql') },
      ...(inputs ? { inputs } : {}),
    };
    return { manifest, ...await install(staging, out, manifest) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(ROOT, GRAPHIQL_DIST);
  const inputs = await inputsFingerprint();
  if (!process.argv.includes('--force') && await isCurrent(out, inputs)) {
    console.log(`${GRAPHIQL_DIST}: current (graphiql/ and package-lock.json unchanged since it was built); \`npm run build:graphiql -- --force\` rebuilds it anyway`);
    process.exit(0);
  }
  console.log(`building GraphiQL's page into ${GRAPHIQL_DIST} (about a minute the first time)...`);
  const started = performance.now();
  const { manifest, files, compressed } = await buildGraphiQL(out, inputs);
  const size = async (file: string) => (await readFile(path.join(out, file))).length;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const firstLoad = [manifest.script, ...manifest.preload, ...manifest.styles];
  let plain = 0;
  let br = 0;
  for (const file of firstLoad) { plain += await size(file); br += await size(`${file}.br`); }
  console.log(`${GRAPHIQL_DIST}: built in ${((performance.now() - started) / 1000).toFixed(1)} s (${compressed} of ${files} files new, compressed);`
    + ` first load ${firstLoad.length} files, ${kib(plain)} (${kib(br)} as brotli)`);
}
