/**
 * The GraphiQL page's script: GraphiQL 4 (CodeMirror, not Monaco), with the
 * tabs, default headers and title the server puts in `#graphiql-config`.
 * Bundled by graphiql/build.ts, started by graphiql/start.ts.
 */
import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/style.css';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { createFetcher, type FetcherConfig } from './fetcher.ts';
import './page.css';

interface PageConfig extends Pick<FetcherConfig, 'subscriptions'> {
  title: string;
  headers: string;
  tabs: Array<{ query: string; variables?: string }>;
}

const config = JSON.parse(document.getElementById('graphiql-config')!.textContent!) as PageConfig;
// the page is served at the GraphQL endpoint itself (behind a proxy too)
const endpoint = location.pathname.replace(/\/+$/, '');
// the query builder, beside the doc explorer and the history: tick fields and arguments to write a query
const plugins = [explorerPlugin()];

createRoot(document.getElementById('root')!).render(
  <GraphiQL
    fetcher={createFetcher({ endpoint, sseEndpoint: `${endpoint}/stream`, subscriptions: config.subscriptions })}
    defaultTabs={config.tabs}
    plugins={plugins}
    defaultHeaders={config.headers}
    isHeadersEditorEnabled
    shouldPersistHeaders
    defaultEditorToolsVisibility
    inputValueDeprecation
  >
    <GraphiQL.Logo>{config.title}</GraphiQL.Logo>
  </GraphiQL>,
);
