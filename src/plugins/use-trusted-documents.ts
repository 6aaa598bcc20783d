/**
 * Trusted documents on the HTTP side (`PERSISTED_OPERATIONS`; the manifest
 * and the decision are `src/trusted-documents.ts`'s, shared with graphql-sse
 * and the WebSocket).
 */
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { TRUSTED_DOCUMENT_ERRORS, documentHash, documentIdOf, type DocumentRequest, type TrustedDocuments } from '../trusted-documents.ts';

/**
 * The HTTP side. Every request is decided by {@link TrustedDocuments.resolve}
 * (as on the WebSocket and graphql-sse); yoga's persisted-operations plugin
 * then puts the document of a hash in place (`allow` and `only`). With `off`
 * only a hash alone is refused, with the answer Apollo's link understands.
 */
export function useTrustedDocuments(documents: TrustedDocuments): Plugin {
  const decide: Plugin = {
    onParams({ params, request: http, setParams }) {
      // yoga reads a GET's `query`, `variables`, `operationName` and `extensions`, not the `documentId` GraphQL over HTTP's persisted documents put in its URL
      if (http.method === 'GET' && (params as DocumentRequest).documentId === undefined && http.url.includes('documentId=')) {
        const documentId = new URL(http.url).searchParams.get('documentId');
        if (documentId) setParams((params = { ...params, documentId } as typeof params));
      }
      const request = params as DocumentRequest;
      const outcome = documents.resolve(request);
      if (outcome instanceof GraphQLError) throw outcome;
      // yoga's plugin refuses every text under `only`: a trusted text goes on as its hash
      if (documents.mode === 'only' && typeof request.query === 'string' && request.query !== '') {
        setParams({ ...params, query: undefined, documentId: documentHash(request.query) } as typeof params);
      }
    },
  };
  if (documents.mode === 'off') return decide;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(decide);
      addPlugin(usePersistedOperations({
        allowArbitraryOperations: documents.mode === 'allow',
        extractPersistedOperationId: (params) => documentIdOf(params as DocumentRequest) ?? null,
        getPersistedOperation: (id) => documents.lookup(id) ?? null,
        // `decide` has refused what these would: they cannot be reached, but say the same if they were
        customErrors: {
          notFound: () => TRUSTED_DOCUMENT_ERRORS.notFound(documents.mode),
          persistedQueryOnly: () => TRUSTED_DOCUMENT_ERRORS.onlyTrusted(),
          keyNotFound: () => TRUSTED_DOCUMENT_ERRORS.noDocument(),
        },
      }));
    },
  };
}
