/**
 * The GraphiQL page's script: stock GraphiQL 5 (Monaco editors) with the
 * Explorer plugin, set up from what the server puts in `#graphiql-config`:
 * the title, the tabs, the default headers, how subscriptions travel, the
 * Monaco workers' URLs, and the schema.
 * Bundled by graphiql/build.ts.
 */
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import type { IntrospectionQuery } from 'graphql';
import { createRoot } from 'react-dom/client';
import { createFetcher, type FetcherConfig } from './fetcher.ts';
// GraphiQL's stylesheets without its web fonts (graphiql/style.css is these, Monaco's and 600 KB of fonts); Monaco's come with its modules
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

/** What the server tells the page (`pageConfig` in src/plugins/use-graphiql.ts). */
interface PageConfig extends Pick<FetcherConfig, 'subscriptions'> {
  title: string;
  headers: string;
  tabs: Array<{ query: string; variables?: string }>;
  /** Monaco's workers by label (`editorWorkerService`, `json`, `graphql`): hashed asset URLs. */
  workers: Record<string, string>;
  /** The schema (an introspection result), so GraphiQL sends no introspection request; absent when introspection is off. */
  schema?: IntrospectionQuery;
}

const config = JSON.parse(document.getElementById('graphiql-config')!.textContent!) as PageConfig;

/**
 * Monaco asks for a worker per language; each is its own script, served
 * beside the page's. Asked for as the editors mount, they start at the next
 * idle moment (at most 2 s on), so that on a small machine their scripts do not
 * compete with the editors' for the CPU; validation and completion need them,
 * showing the page does not.
 */
let idle: Promise<unknown> | undefined;
(globalThis as { MonacoEnvironment?: object }).MonacoEnvironment = {
  getWorker: async (_id: string, label: string) => {
    await (idle ??= new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
    return new Worker(config.workers[label] ?? config.workers.editorWorkerService!);
  },
};

// the page is served at the GraphQL endpoint itself (behind a proxy too)
const endpoint = location.pathname.replace(/\/+$/, '');
// the history (GraphiQL's default, which a `plugins` list replaces) and the query builder: tick fields and arguments to write a query
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

createRoot(document.getElementById('root')!).render(
  <GraphiQL
    fetcher={createFetcher({ endpoint, sseEndpoint: `${endpoint}/stream`, subscriptions: config.subscriptions })}
    defaultTabs={config.tabs}
    plugins={plugins}
    defaultHeaders={config.headers}
    {...(config.schema ? { schema: config.schema } : {})}
    isHeadersEditorEnabled
    shouldPersistHeaders
    defaultEditorToolsVisibility="variables"
    inputValueDeprecation
  >
    <GraphiQL.Logo>{config.title}</GraphiQL.Logo>
  </GraphiQL>,
);
