/**
 * GraphiQL, light: GraphiQL 4 (CodeMirror, not Monaco) bundled by
 * `graphiql/build.ts` into one script and one stylesheet (1.35 MB and 48 KB
 * before compression, against yoga's 5.3 MB GraphiQL and its Monaco workers),
 * served as hashed assets under `/graphql/assets/` that are compressed once
 * (brotli or gzip, as the browser accepts) and cached for good
 * (`immutable`), so the page itself is a few kilobytes and a second load
 * costs one 304.
 *
 * The page opens with tabs: a short welcome with the task list, then one
 * tab per file of `examples/operations/`, with variables filled in from the
 * demo data when the local emulator runs. In the trigger-and-watch tab,
 * `runId: "last-triggered"` stands for the run the page's last
 * `triggerTaskRun` started (graphiql/fetcher.ts swaps it in before sending),
 * so the flow runs without pasting ids.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { PACKAGE_ROOT } from '../config.ts';
import { chooseEncoding } from './use-compression.ts';

/** Where the assets are served. */
export const ASSETS_PATH = '/graphql/assets/';

/** What the demo data (the local emulator's) offers to pre-fill example variables. */
export interface DemoData {
  space: string;
  task: string;
  project: string;
  evaluatorId: string;
  dataset: string;
  aiIntegrationId?: string;
  modelName?: string;
}

interface Asset { body: Buffer; type: string; compressed: Map<string, Promise<Buffer>> }
interface Bundle { js: string; css: string }

/** `npm run build`'s output (graphiql/build.ts), which the compiled gateway serves. */
const DIST = path.join(PACKAGE_ROOT, 'dist/graphiql');
/** What the bundle is made of, when the gateway runs from source. */
const SOURCES = [path.join(PACKAGE_ROOT, 'graphiql'), path.join(PACKAGE_ROOT, 'package-lock.json')];

const newestChange = (paths: string[]): number => Math.max(...paths.flatMap((entry) => {
  if (!existsSync(entry)) return [];
  const stat = statSync(entry);
  return stat.isDirectory() ? readdirSync(entry).map((name) => statSync(path.join(entry, name)).mtimeMs) : [stat.mtimeMs];
}));

/**
 * The GraphiQL bundle. The compiled gateway reads `dist/graphiql/`. Run from
 * source, it reuses `dist/graphiql/` while that is newer than `graphiql/` and
 * the lockfile, and otherwise bundles again (esbuild, a second or two) and
 * writes the result there for the next start.
 */
async function bundle(): Promise<Bundle> {
  const files = { js: path.join(DIST, 'graphiql.js'), css: path.join(DIST, 'graphiql.css') };
  const fromSource = import.meta.url.endsWith('.ts');
  const built = existsSync(files.js) && existsSync(files.css);
  if (!fromSource || (built && Math.min(statSync(files.js).mtimeMs, statSync(files.css).mtimeMs) > newestChange(SOURCES))) {
    if (!built) throw new Error(`GraphiQL is not built: ${DIST} is missing (npm run build writes it)`);
    return { js: await readFile(files.js, 'utf8'), css: await readFile(files.css, 'utf8') };
  }
  // not a literal import: the compiled gateway neither carries nor needs the bundler
  const builder = new URL('../../graphiql/build.ts', import.meta.url).href;
  const { buildGraphiQL, writeGraphiQL } = await import(builder) as {
    buildGraphiQL(): Promise<Bundle>;
    writeGraphiQL(dir: string, bundle: Bundle): Promise<void>;
  };
  const fresh = await buildGraphiQL();
  await writeGraphiQL(DIST, fresh);
  return fresh;
}

let loaded: Promise<{ assets: Map<string, Asset>; urls: Record<'js' | 'css', string> }> | undefined;

/** The bundle as hashed assets, read (or built) once. */
function assets() {
  loaded ??= bundle().then(({ js, css }) => {
    const map = new Map<string, Asset>();
    const urls = { js: '', css: '' };
    const add = (key: 'js' | 'css', type: string, text: string) => {
      const body = Buffer.from(text);
      const file = `graphiql-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${key}`;
      map.set(file, { body, type, compressed: new Map() });
      urls[key] = `${ASSETS_PATH}${file}`;
    };
    add('js', 'text/javascript; charset=utf-8', js);
    add('css', 'text/css; charset=utf-8', css);
    return { assets: map, urls };
  });
  loaded.catch(() => { loaded = undefined; }); // a failed build is tried again on the next request
  return loaded;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** `asset` as `encoding`, compressed (off the main thread) the first time it is asked for, then kept. */
function encoded(asset: Asset, encoding: 'br' | 'gzip'): Promise<Buffer> {
  let body = asset.compressed.get(encoding);
  if (!body) {
    body = encoding === 'br'
      ? brotli(asset.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length } })
      : gzip(asset.body, { level: 9 });
    asset.compressed.set(encoding, body);
  }
  return body;
}

/** Reads (or builds) and compresses every asset now, in the background, so the first page load does not wait for it. */
export function warmGraphiQL(): Promise<void> {
  return assets().then(async ({ assets: all }) => {
    for (const asset of all.values()) {
      await encoded(asset, 'br');
      await encoded(asset, 'gzip');
    }
  });
}

/** The welcome tab: it fits a laptop screen (no line over 56 characters: the query editor's width at 1366 px). */
const WELCOME = `# Arize tasks gateway: evaluation tasks and their runs.
# Run this query with the play button (or Ctrl-Enter).
# The tabs above hold the example operations; Docs are
# under the book icon. runStatus streams a run live.

query TasksWithRuns {
  tasks(first: 10) {
    edges {
      cursor
      node {
        id
        name
        type
        typeName
        project { name }
        evaluators { evaluatorName }
        runs(first: 3) {
          nodes {
            id status numSuccesses numErrors createdAt
          }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** Example variables per file of examples/operations, from the demo data (or placeholders to replace). */
function variablesFor(file: string, demo: DemoData | undefined): Record<string, unknown> {
  const space = demo?.space ?? '<space name or id>';
  const task = demo?.task ?? '<task name or id>';
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  switch (file) {
    case 'list-tasks': return { first: 5, space };
    case 'task-detail': return { task, space, runsFirst: 5 };
    case 'task-form': return { space, dataset: demo?.dataset ?? '<dataset name or id>' };
    case 'create-task': return {
      input: {
        name: 'my-first-task', type: 'TEMPLATE_EVALUATION', project: demo?.project ?? '<project name or id>', space,
        isContinuous: false, evaluators: [{ evaluatorId: demo?.evaluatorId ?? '<evaluator id>' }],
      },
      task: 'my-first-task', space,
    };
    case 'trigger-and-watch': return { input: { task, space, dataStartTime: hourAgo }, runId: 'last-triggered' };
    case 'experiment-task': return {
      space,
      input: {
        name: 'my-experiment', dataset: demo?.dataset ?? '<dataset name or id>', space,
        runConfiguration: { llmGeneration: {
          aiIntegrationId: demo?.aiIntegrationId ?? '<AI integration id>', modelName: demo?.modelName ?? null,
          inputVariableFormat: 'MUSTACHE', messages: [{ role: 'USER', content: '{{question}}' }],
        } },
      },
      task: 'my-experiment', experimentName: 'first-try', maxExamples: 3, runId: 'last-triggered',
    };
    default: return {};
  }
}

/** The page's tabs: the welcome, then examples/operations (when the files are there; a container may not carry them). */
export function graphiqlTabs(demo: DemoData | undefined): Array<{ query: string; variables: string }> {
  const folder = path.join(PACKAGE_ROOT, 'examples/operations');
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.graphql')).sort() : [];
  const order = ['trigger-and-watch', 'list-tasks', 'task-detail', 'task-form', 'create-task', 'experiment-task'];
  files.sort((a, b) => (order.indexOf(a.replace('.graphql', '')) + 1 || 99) - (order.indexOf(b.replace('.graphql', '')) + 1 || 99));
  return [
    { query: WELCOME, variables: '' },
    ...files.map((file) => {
      const name = file.replace('.graphql', '');
      const note = name === 'trigger-and-watch'
        ? '# Run TriggerRun, then WatchRun: this page puts the\n# id of the run you just started where the variables\n# say "last-triggered".\n'
        : '';
      return { query: `${note}${readFileSync(path.join(folder, file), 'utf8')}`, variables: JSON.stringify(variablesFor(name, demo), null, 2) };
    }),
  ];
}

/** A small icon, inline, so the browser does not ask for /favicon.ico. */
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#c2127d"/><path d="M4 11.5 8 4l4 7.5H4z" fill="none" stroke="#fff" stroke-width="1.6"/></svg>')}`;

/** yoga's `renderGraphiQL`: a small page that loads the hashed assets and hands GraphiQL its tabs, headers and transport. */
export async function renderGraphiQL(options: Record<string, unknown>): Promise<string> {
  const { urls } = await assets();
  const title = String(options.title ?? 'GraphiQL').replace(/[<&]/g, '');
  const config = {
    title,
    tabs: options.defaultTabs ?? [],
    headers: options.headers ?? '',
    subscriptions: options.subscriptionsProtocol === 'WS' ? 'WS' : 'SSE',
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="${ICON}" />
    <link rel="stylesheet" href="${urls.css}" />
    <script defer src="${urls.js}"></script>
  </head>
  <body>
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
  </body>
</html>`;
}

/** The plugin: serves `/graphql/assets/<name>-<hash>.<ext>`, compressed when accepted, cached for a year. */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url: { pathname }, endResponse, fetchAPI }) {
      if (!pathname.startsWith(ASSETS_PATH) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const asset = (await assets()).assets.get(pathname.slice(ASSETS_PATH.length));
      if (!asset) {
        endResponse(new fetchAPI.Response('No such asset.', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      const body = encoding ? await encoded(asset, encoding) : asset.body;
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          'content-type': asset.type,
          'cache-control': 'public, max-age=31536000, immutable',
          'content-length': String(body.length),
          vary: 'accept-encoding',
          ...(encoding ? { 'content-encoding': encoding } : {}),
        },
      }));
    },
  };
}
