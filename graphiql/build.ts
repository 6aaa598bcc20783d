/**
 * Bundles the GraphiQL page's script and styles with esbuild: one minified
 * script and one stylesheet. The gateway serves them as hashed, compressed,
 * immutable assets (src/plugins/use-graphiql.ts).
 *
 * - `npm run build` writes `dist/graphiql/` (`tsx graphiql/build.ts`), which
 *   the compiled gateway reads; the container image carries it.
 * - Run from source (`npm start`, the tests), the gateway builds it at start
 *   when `dist/graphiql/` is missing or older than `graphiql/` or the
 *   lockfile, so an edit here shows on the next start.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where `npm run build` puts the bundle, relative to the package root. */
export const GRAPHIQL_DIST = 'dist/graphiql';

export interface GraphiQLBundle { js: string; css: string }

/** Puts graphiql/markdown-shim.ts in the place of @graphiql/react's own `markdown.js` (imported by relative paths, which `alias` cannot reach). */
const lazyMarkdown: esbuild.Plugin = {
  name: 'lazy-markdown',
  setup(build) {
    build.onResolve({ filter: /\/markdown\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.endsWith(`${path.sep}@graphiql${path.sep}react${path.sep}dist${path.sep}markdown.js`)) return undefined;
      return { path: path.join(HERE, 'markdown-shim.ts') };
    });
  },
};

/** Sends graphiql-explorer's `require('graphql')` to graphiql/explorer-graphql.ts, the names it uses from graphql's ES build. */
const explorerGraphQL: esbuild.Plugin = {
  name: 'explorer-graphql',
  setup(build) {
    build.onResolve({ filter: /^graphql$/ }, (args) => (
      args.importer.includes(`${path.sep}graphiql-explorer${path.sep}`) ? { path: path.join(HERE, 'explorer-graphql.ts') } : undefined
    ));
  },
};

/**
 * React's packages are CommonJS, and esbuild gives every ES module that
 * imports one its own copy of the exports (a getter per name): 105 copies of
 * React's 44 names here. One ES module per package re-exports the names once;
 * the others import from it.
 */
const FACADES = /^(react|react\/jsx-runtime|react-compiler-runtime)$/;
const esFacades: esbuild.Plugin = {
  name: 'es-facades',
  setup(build) {
    const require = createRequire(import.meta.url);
    build.onResolve({ filter: FACADES }, (args) => (args.namespace === 'facade' ? undefined : { path: args.path, namespace: 'facade' }));
    build.onLoad({ filter: /.*/, namespace: 'facade' }, (args) => {
      // the development build's names, which include the production build's
      const names = Object.keys(require(args.path) as object).filter((name) => name !== 'default');
      return {
        contents: `import * as cjs from ${JSON.stringify(args.path)};\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs.default;\n`,
        resolveDir: HERE,
        loader: 'js',
      };
    });
  },
};

/** GraphiQL's CSS inlines 34 web fonts (270 KB of base64); the page uses system fonts instead (graphiql/page.css). */
const withoutWebFonts = (css: string) => css.replace(/@font-face\s*\{[^}]*\}/g, '');

/**
 * Marks each module's init function for eager compilation (V8's "PIFE" hint:
 * a `function` expression in parentheses).
 *
 * esbuild wraps every module that the entry reaches through `import()`
 * (graphiql/start.ts) in an init function, run on first import: `var x =
 * __esm(() => {...})`, `var y = __commonJS((exports, module) => {...})`.
 * Chromium parses and compiles the script's top level off the main thread
 * while it downloads, but compiles inner functions lazily, on the main thread,
 * when first called: that was about 230 ms of module init on a first load
 * here. Written `__esm((function() {...}))`, V8 compiles them with the top
 * level, in the background. Side by side in Chromium, 30 rounds: 1,095
 * against 884 ms to usable. (esbuild keeps such parentheses when it
 * minifies, and it has already rewritten a module's top-level `this`, so
 * `function` and `=>` agree here.)
 *
 * It reads esbuild's output printed with line breaks, where the runtime
 * defines those two helpers as `var h = (a, b) => () => {` and each wrapped
 * module starts with `  var x = h((a, b) => {` (after the names of its
 * hoisted bindings: `  var a, b, x = h(() => {`) and ends with `  });`. If
 * esbuild ever prints otherwise, it throws rather than guess.
 */
export function eagerModuleInits(js: string): { js: string; wrapped: number } {
  const lines = js.split('\n');
  const helpers = new Set(lines.slice(0, 100).flatMap((line) => /^ {2}var ([\w$]+) = \([\w$, ]*\) => \(\) => \{$/.exec(line)?.[1] ?? []));
  if (helpers.size === 0) throw new Error("eagerModuleInits: esbuild's module wrappers (__esm, __commonJS) were not found");
  let wrapped = 0;
  let open = false;
  for (const [index, line] of lines.entries()) {
    // `var x = h(...) => {`, or with the module's hoisted bindings first: `var a, b, x = h(...) => {`
    const start = /^( {2}var (?:[\w$]+, )*[\w$]+ = )([\w$]+)\((?:\(([\w$, ]*)\)|([\w$]+)) => \{$/.exec(line);
    if (start && helpers.has(start[2]!)) {
      if (open) throw new Error(`eagerModuleInits: a module starts inside another, line ${index + 1}`);
      lines[index] = `${start[1]}${start[2]}((function(${start[3] ?? start[4]}) {`;
      open = true;
      wrapped++;
    } else if (open && line === '  });') {
      lines[index] = '  }));';
      open = false;
    }
  }
  if (open || wrapped === 0) throw new Error(`eagerModuleInits: ${open ? 'a module does not end' : 'no module wrapper found'}`);
  return { js: lines.join('\n'), wrapped };
}

export async function buildGraphiQL(): Promise<GraphiQLBundle> {
  const result = await esbuild.build({
    entryPoints: [path.join(HERE, 'start.ts')],
    bundle: true,
    // line breaks stay for eagerModuleInits; whitespace goes below
    minifyIdentifiers: true,
    minifySyntax: true,
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    outdir: 'out', // names the outputs; nothing is written
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: {
      'framer-motion': path.join(HERE, 'motion-shim.ts'),
      '@headlessui/react': path.join(HERE, 'combobox-shim.tsx'),
      // markdown-it needs only the decoders; the package's index brings its encoders' 23 KB table too
      entities: 'entities/lib/decode.js',
    },
    plugins: [lazyMarkdown, explorerGraphQL, esFacades],
    metafile: true,
  });
  // graphql once, as the tree-shaken ES build: a CommonJS `require('graphql')` anywhere would bring its whole CommonJS build
  const graphqlCommonJS = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/graphql\/.*\.js$/.test(input));
  if (graphqlCommonJS.length > 0) throw new Error(`graphql's CommonJS build got into GraphiQL's bundle (${graphqlCommonJS[0]}, ...): find its require('graphql')`);
  const output = (ext: string) => result.outputFiles.find((file) => file.path.endsWith(ext))!.text;
  const [js, css] = await Promise.all([
    esbuild.transform(eagerModuleInits(output('.js')).js, { minifyWhitespace: true, target: 'es2022', legalComments: 'none' }),
    esbuild.transform(withoutWebFonts(output('.css')), { loader: 'css', minify: true, legalComments: 'none' }),
  ]);
  return { js: js.code, css: css.code };
}

/** Writes `graphiql.js` and `graphiql.css` into `dir`, each whole (a gateway reading them meanwhile never sees half a file). */
export async function writeGraphiQL(dir: string, bundle: GraphiQLBundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [ext, text] of Object.entries(bundle)) {
    const partial = path.join(dir, `graphiql.${ext}.${process.pid}.tmp`);
    await writeFile(partial, text);
    await rename(partial, path.join(dir, `graphiql.${ext}`));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await buildGraphiQL();
  await writeGraphiQL(path.resolve(HERE, '..', GRAPHIQL_DIST), bundle);
  console.log(`${GRAPHIQL_DIST}: graphiql.js ${(bundle.js.length / 1024).toFixed(0)} KiB, graphiql.css ${(bundle.css.length / 1024).toFixed(0)} KiB`);
}
