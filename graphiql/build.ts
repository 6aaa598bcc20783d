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
    },
    plugins: [lazyMarkdown],
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
