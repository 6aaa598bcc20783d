/**
 * GraphQL Mesh v1 over the emulator's REST API, from the upstream's OpenAPI
 * document: `mesh.mjs` composes it with this file, then serves it with Hive
 * Gateway. Each request's own `authorization` header is passed on to the
 * upstream (as the gateway passes on the caller's key), so bench:compare's
 * distinct keys reach the emulator.
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

export const composeConfig = defineConfig({
  subgraphs: [{
    sourceHandler: loadOpenAPISubgraph('Arize', {
      source: process.env.OPENAPI_FILE!,
      endpoint: process.env.ARIZE_API_URL!,
      operationHeaders: { authorization: '{context.headers.authorization}' },
    }),
  }],
});
