/**
 * GraphiQL: stock GraphiQL 5 and its Explorer plugin, bundled by
 * `npm run build:graphiql` (graphiql/build.ts) into `dist/graphiql/`, which
 * this module only reads: the page is a few kilobytes that link the bundle's
 * files, served under `/graphql/assets/` by their content-hashed names,
 * precompressed (brotli or gzip, as the browser accepts) and cached for good
 * (`immutable`). The page and its assets carry a Content-Security-Policy that
 * allows only the gateway's own scripts, styles, fonts, workers and
 * connections, and may not be framed.
 *
 * The tabs come from `examples/operations/` (src/plugins/graphiql-tabs.ts).
 * The page carries the schema (the introspection result, made once at
 * start) unless introspection is off, so GraphiQL sends no introspection
 * request: one round trip less on a first load, and under
 * `PERSISTED_OPERATIONS=only`, which would refuse that request, the doc
 * explorer, completion and validation still work.
 */
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { introspectionFromSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PACKAGE_ROOT, type Config } from '../config.ts';
import { graphiqlTabs, type DemoData, type Tab } from './graphiql-tabs.ts';
import type { TrustedDocuments } from '../trusted-documents.ts';
import { chooseEncoding } from './use-compression.ts';

export type { DemoData } from './graphiql-tabs.ts';

/** Where the assets are served. */
export const ASSETS_PATH = '/graphql/assets/';

/** `npm run build:graphiql`'s output, relative to the package root. */
const DIST = path.join(PACKAGE_ROOT, 'dist/graphiql');

/** What the page loads: names inside `dist/graphiql/` (graphiql/build.ts writes `manifest.json`). */
interface Manifest { script: string; styles: string[]; preload: string[]; workers: Record<string, string> }

/**
 * The page's policy: its own scripts, stylesheets, fonts, workers and
 * connections (`'self'` covers the WebSocket to the same host), the inline
 * favicon, and `<style>` elements, which Monaco writes for its editors; no
 * framing, no `<base>`, no forms, no plugins.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "font-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "worker-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** The headers every GraphiQL response (page, asset, "not built") carries. */
export const GRAPHIQL_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': GRAPHIQL_CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/** Said when `dist/graphiql/` is missing or incomplete. */
export class GraphiQLNotBuilt extends Error {
  constructor(detail: string) {
    super(`GraphiQL is not built (${detail}): run \`npm run build:graphiql\` (npm run build, npm start and npm test run it too)`);
    this.name = 'GraphiQLNotBuilt';
  }
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.ttf': 'font/ttf',
};

interface Bundle { manifest: Manifest; files: Set<string> }
let loaded: Promise<Bundle> | undefined;

/** The bundle's manifest and file names, read once (a failure is tried again on the next request). */
function bundle(): Promise<Bundle> {
  loaded ??= (async () => {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(path.join(DIST, 'manifest.json'), 'utf8')) as Manifest;
    } catch {
      throw new GraphiQLNotBuilt(`${path.relative(PACKAGE_ROOT, DIST)}/manifest.json is missing`);
    }
    const files = new Set((await readdir(DIST)).filter((name) => path.extname(name) in TYPES));
    const missing = [manifest.script, ...manifest.styles, ...manifest.preload, ...Object.values(manifest.workers)].find((name) => !files.has(name));
    if (missing) throw new GraphiQLNotBuilt(`${missing} is missing`);
    return { manifest, files };
  })();
  loaded.catch(() => { loaded = undefined; });
  return loaded;
}

/** Reads the bundle's manifest now, so that a missing bundle is said at start (its error names the command). */
export async function warmGraphiQL(): Promise<void> {
  await bundle();
}

const attribute = (text: string) => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small icon, inline, so the browser does not ask for /favicon.ico. */
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#c2127d"/><path d="M4 11.5 8 4l4 7.5H4z" fill="none" stroke="#fff" stroke-width="1.6"/></svg>')}`;

/** What the page hands GraphiQL in `#graphiql-config` (graphiql/app.tsx reads it). */
interface PageConfig {
  title: string;
  tabs: Tab[];
  headers: string;
  subscriptions: 'WS' | 'SSE';
  schema?: IntrospectionQuery | undefined;
}

/** The page: the bundle's stylesheets, preloads and script, and what GraphiQL starts with in `#graphiql-config`. */
function page(manifest: Manifest, options: PageConfig): string {
  const url = (name: string) => `${ASSETS_PATH}${name}`;
  const config = { ...options, workers: Object.fromEntries(Object.entries(manifest.workers).map(([label, name]) => [label, url(name)])) };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${attribute(options.title)}</title>
    <link rel="icon" href="${ICON}" />
${manifest.styles.map((name) => `    <link rel="stylesheet" href="${url(name)}" />`).join('\n')}
${manifest.preload.map((name) => `    <link rel="modulepreload" href="${url(name)}" />`).join('\n')}
    <script type="module" src="${url(manifest.script)}"></script>
  </head>
  <body>
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
  </body>
</html>`;
}

/** What {@link useGraphiQL} needs. */
export interface GraphiQLDeps {
  config: Config;
  /** Which documents may run: under `only`, the tabs are the manifest's documents. */
  trustedDocuments: TrustedDocuments;
  schema: GraphQLSchema;
  /** The local emulator's demo data, to fill the example variables in (`npm start`). */
  demo?: DemoData | undefined;
}

/** The trusted documents' texts (the manifest `TrustedDocuments.load` already read and checked). */
const manifestDocuments = (config: Config) => Object.values(JSON.parse(readFileSync(config.persisted.manifestPath, 'utf8')) as Record<string, string>);

/** The introspection result of each schema, made once (a test process makes many gateways of one schema). */
const introspections = new WeakMap<GraphQLSchema, IntrospectionQuery>();
function introspectionOf(schema: GraphQLSchema): IntrospectionQuery {
  if (!introspections.has(schema)) introspections.set(schema, introspectionFromSchema(schema, { inputValueDeprecation: true }));
  return introspections.get(schema)!;
}

/** What the page starts GraphiQL with. */
function pageConfig({ config, trustedDocuments, schema, demo }: GraphiQLDeps): PageConfig {
  const onlyTrusted = trustedDocuments.mode === 'only';
  return {
    title: 'Arize tasks gateway',
    tabs: graphiqlTabs(demo, onlyTrusted ? manifestDocuments(config) : undefined),
    // GraphiQL's Headers tab never reaches a WebSocket's connectionParams: when the
    // tab must carry a credential (no server key, or end-user sign-in), subscriptions
    // go over SSE, which carries the tab's Authorization.
    subscriptions: config.arizeApiKey && !config.auth ? 'WS' : 'SSE',
    headers: config.auth
      ? '{\n  "authorization": "Bearer <your sign-in token (JWT)>"\n}'
      : config.arizeApiKey ? '{}' : '{\n  "authorization": "Bearer <your Arize API key>"\n}',
    schema: config.introspection ? introspectionOf(schema) : undefined,
  };
}

/** Whether a request asks for the GraphiQL page: a GET of `/graphql` that accepts HTML (yoga's own test for its GraphiQL). */
const asksForPage = (request: Request, pathname: string) => request.method === 'GET'
  && pathname === '/graphql' && (request.headers.get('accept') ?? '').includes('text/html');

/**
 * The plugin: answers a browser's GET of `/graphql` with the page, serves
 * `/graphql/assets/<name>` from `dist/graphiql/` (its precompressed form when
 * accepted), and answers both with 503 and the command to run when the
 * bundle is missing; every answer carries {@link GRAPHIQL_SECURITY_HEADERS}.
 */
export function useGraphiQL(deps: GraphiQLDeps): Plugin {
  let options: PageConfig | undefined; // made on the first page asked for
  const pages = new WeakMap<Bundle, string>(); // the page of each bundle read, made once
  return {
    // not async: a GraphQL request passes without waiting for anything
    onRequest({ request, url: { pathname }, endResponse, fetchAPI }) {
      const isAsset = pathname.startsWith(ASSETS_PATH) && (request.method === 'GET' || request.method === 'HEAD');
      if (!isAsset && !asksForPage(request, pathname)) return undefined;
      return serve(request, pathname, isAsset, endResponse, fetchAPI);
    },
  };

  async function serve(request: Request, pathname: string, isAsset: boolean, endResponse: (response: Response) => void, fetchAPI: { Response: typeof Response }): Promise<void> {
    const answer = (status: number, body: BodyInit | null, headers: Record<string, string>) => endResponse(new fetchAPI.Response(body, {
      status, headers: { ...headers, ...GRAPHIQL_SECURITY_HEADERS },
    }));
    let built: Bundle;
    try {
      built = await bundle();
    } catch (error) {
      if (error instanceof GraphiQLNotBuilt) return answer(503, `${error.message}\n`, { 'content-type': 'text/plain; charset=utf-8' });
      throw error;
    }
    if (!isAsset) {
      if (!pages.has(built)) pages.set(built, page(built.manifest, options ??= pageConfig(deps)));
      return answer(200, pages.get(built)!, { 'content-type': 'text/html; charset=utf-8' });
    }
    const name = pathname.slice(ASSETS_PATH.length);
    if (!built.files.has(name)) return answer(404, 'No such asset.\n', { 'content-type': 'text/plain; charset=utf-8' });
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    const body = await readFile(path.join(DIST, encoding ? `${name}.${encoding === 'br' ? 'br' : 'gz'}` : name));
    return answer(200, request.method === 'HEAD' ? null : new Uint8Array(body), {
      'content-type': TYPES[path.extname(name)]!,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(body.length),
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
  }
}
