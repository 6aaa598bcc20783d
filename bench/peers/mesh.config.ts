/**
 * GraphQL Mesh v1 over the emulator's REST API, from the upstream's OpenAPI
 * document: `mesh.mjs` composes it with this file, then serves it with Hive
 * Gateway. The key is read from ARIZE_API_KEY at request time.
 */
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

export const composeConfig = defineConfig({
  subgraphs: [{
    sourceHandler: loadOpenAPISubgraph('Arize', {
      source: process.env.OPENAPI_FILE!,
      endpoint: process.env.ARIZE_API_URL!,
      operationHeaders: { authorization: 'Bearer {env.ARIZE_API_KEY}' },
    }),
  }],
});
