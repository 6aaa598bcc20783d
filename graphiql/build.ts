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

export async function buildGraphiQL(): Promise<GraphiQLBundle> {
  const result = await esbuild.build({
    entryPoints: [path.join(HERE, 'start.ts')],
    bundle: true,
    minify: true,
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
    plugins: [lazyMarkdown, esFacades],
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'))!.text;
  return { js, css: withoutWebFonts(css) };
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
