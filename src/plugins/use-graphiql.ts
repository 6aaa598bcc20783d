/**
 * GraphiQL, light: yoga's GraphiQL bundle (9 MB when inlined in one page)
 * split into hashed assets under `/graphql/assets/` that are compressed once
 * (brotli or gzip, as the browser accepts) and cached for good (`immutable`),
 * so the page itself is a few kilobytes and a second load costs one 304.
 *
 * The page opens with tabs: a short welcome with the task list, then one
 * tab per file of `examples/operations/`, with variables filled in from the
 * demo data when the local emulator runs. In the trigger-and-watch tab,
 * `runId: "last-triggered"` stands for the run the page's last
 * `triggerTaskRun` started (the page swaps it in before sending), so the
 * flow runs without pasting ids.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

const require = createRequire(import.meta.url);

let loaded: Promise<{ assets: Map<string, Asset>; urls: Record<string, string> }> | undefined;

/** yoga's GraphiQL bundle as hashed assets, read once. */
function assets() {
  loaded ??= (async () => {
    const bundle = path.join(path.dirname(require.resolve('@graphql-yoga/render-graphiql')), '../esm/graphiql.js');
    const parts = await import(pathToFileURL(bundle).href) as Record<'css' | 'js' | 'editorWorkerService' | 'jsonWorker' | 'graphqlWorker' | 'favicon', string>;
    const map = new Map<string, Asset>();
    const urls: Record<string, string> = {};
    const add = (key: string, name: string, ext: string, type: string, body: Buffer) => {
      const file = `${name}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${ext}`;
      map.set(file, { body, type, compressed: new Map() });
      urls[key] = `${ASSETS_PATH}${file}`;
    };
    add('css', 'graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(parts.css));
    add('js', 'graphiql', 'js', 'text/javascript; charset=utf-8', Buffer.from(parts.js));
    add('editorWorkerService', 'editor-worker', 'js', 'text/javascript; charset=utf-8', Buffer.from(parts.editorWorkerService));
    add('json', 'json-worker', 'js', 'text/javascript; charset=utf-8', Buffer.from(parts.jsonWorker));
    add('graphql', 'graphql-worker', 'js', 'text/javascript; charset=utf-8', Buffer.from(parts.graphqlWorker));
    const icon = /^data:([^;]+);base64,(.*)$/.exec(parts.favicon);
    if (icon) add('favicon', 'favicon', 'ico', icon[1]!, Buffer.from(icon[2]!, 'base64'));
    return { assets: map, urls };
  })();
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

/** Reads and compresses every asset now, in the background, so the first page load does not wait for it. */
export function warmGraphiQL(): Promise<void> {
  return assets().then(async ({ assets: all }) => {
    for (const asset of all.values()) {
      if (asset.type.startsWith('image/')) continue;
      await encoded(asset, 'br');
      await encoded(asset, 'gzip');
    }
  });
}

/** The welcome tab: it fits a laptop screen (lines under 80 characters). */
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
        project { name }
        evaluators { evaluatorName }
        runs(first: 3) {
          nodes { id status numSuccesses numErrors createdAt }
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

/**
 * Runs in the page: remembers the id of the last run `triggerTaskRun`
 * started and puts it where a request's variables say `"last-triggered"`,
 * over fetch (HTTP, SSE) and the WebSocket.
 */
const LAST_TRIGGERED = `
(() => {
  const key = 'arize-gateway:last-triggered';
  const swap = (text) => {
    const id = sessionStorage.getItem(key);
    return id && typeof text === 'string' && text.includes('"last-triggered"') ? text.split('"last-triggered"').join(JSON.stringify(id)) : text;
  };
  const remember = (text) => {
    const match = /"triggerTaskRun":\\{"run":\\{[^}]*?"id":"([^"]+)"/.exec(text);
    if (match) sessionStorage.setItem(key, match[1]);
  };
  const fetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await fetch(input, init && typeof init.body === 'string' ? { ...init, body: swap(init.body) } : init);
    if ((response.headers.get('content-type') || '').includes('json')) response.clone().text().then(remember, () => {});
    return response;
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__watched) {
      this.__watched = true;
      this.addEventListener('message', (event) => typeof event.data === 'string' && remember(event.data));
    }
    return send.call(this, swap(data));
  };
})();`;

/** yoga's `renderGraphiQL`: a small page that loads the hashed assets. */
export async function renderGraphiQL(options: Record<string, unknown>): Promise<string> {
  const { urls } = await assets();
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${String(options.title ?? 'GraphiQL').replace(/[<&]/g, '')}</title>
    ${urls.favicon ? `<link rel="icon" href="${urls.favicon}" />` : ''}
    <link rel="stylesheet" href="${urls.css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => (${json({ editorWorkerService: urls.editorWorkerService, json: urls.json, graphql: urls.graphql })})[label] };
      ${LAST_TRIGGERED}
    </script>
    <script src="${urls.js}"></script>
    <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${json(options)});</script>
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
      const encoding = asset.type.startsWith('image/') ? undefined : chooseEncoding(request.headers.get('accept-encoding'));
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
