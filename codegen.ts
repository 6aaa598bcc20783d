/**
 * GraphQL Code Generator (`npm run codegen`): typed documents for the
 * operations in `examples/operations/`, with the client preset, into
 * `examples/generated/`. `DateTime` is an ISO 8601 string and `JSON` any
 * JSON value. `persisted-documents.json` beside them is the trusted-documents
 * manifest (hash -> document) that PERSISTED_OPERATIONS=allow|only accepts;
 * a frontend makes its own the same way (docs/trusted-documents.md).
 * Every selection gets `__typename` (as Apollo Client and urql's graphcache
 * add it to what they send): under PERSISTED_OPERATIONS=only the gateway runs
 * the manifest's text, and a normalised cache needs `__typename` in the answer.
 * CODEGEN_OUT overrides the output folder (the test writes to a temp dir).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const out = process.env.CODEGEN_OUT ?? 'examples/generated/';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/operations/*.graphql'],
  ignoreNoDocuments: false,
  // ES module imports with extensions, as this project's NodeNext resolution needs
  emitLegacyCommonJSImports: false,
  generates: {
    [out.endsWith('/') ? out : `${out}/`]: {
      preset: 'client',
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
    },
  },
};

export default config;
