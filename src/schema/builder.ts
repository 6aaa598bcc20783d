import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Context } from '../context.ts';
import { inputProblems } from '../errors.ts';
import { typenameOfId } from '../upstream/ids.ts';
import { problemsOf } from './rules/common.ts';

/**
 * The Pothos builder and its plugins; it defines no types. Ids are the
 * upstream's global ids, exposed unchanged, so the relay plugin's global id
 * encoding is the identity and decoding reads the id's own type prefix.
 * Input rules (`validate` on an input type or a field, `rules/`) run before
 * the field resolves; every problem of one input is thrown at once, as the
 * `useInputProblems` plugin then answers them: one BAD_USER_INPUT each.
 */
export interface GatewaySchemaTypes {
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    // any JSON value but null (which GraphQL keeps apart as an absent or null argument)
    JSON: { Input: NonNullable<unknown>; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

/** The builder's resolved type parameters, for helpers that take object refs. */
export type BuilderTypes = PothosSchemaTypes.ExtendDefaultTypes<GatewaySchemaTypes>;

/** The Pothos builder every schema file adds its types to. */
export const builder = new SchemaBuilder<GatewaySchemaTypes>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin, ValidationPlugin],
  validation: { validationError: (failure) => inputProblems(problemsOf(failure.issues)) },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodesOnConnection: { description: 'The nodes of the edges, for clients that do not need cursors.' },
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => ({ typename: typenameOfId(globalID) ?? 'Unknown', id: globalID }),
    idFieldOptions: { description: 'The global id, as the Arize API sends it.' },
    nodeTypeOptions: { description: 'An object with an Arize global id (base64 of `Type:number:salt`), exposed unchanged.' },
    pageInfoTypeOptions: { description: 'Where a forward-only page ends, after the Relay connection spec.' },
    hasNextPageFieldOptions: { description: 'True exactly when more items exist after this page.' },
    hasPreviousPageFieldOptions: { description: 'True when the page was asked for with `after` (paging is forward only).' },
    startCursorFieldOptions: { description: 'Cursor of the first edge, or null for an empty page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge, or null for an empty page. Pass it as `after` for the next page.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge: pass it as `after` to continue right after it.' },
    nodeFieldOptions: { description: 'The item at this edge.', nullable: false },
    edgesFieldOptions: { description: 'The items of this page with their cursors.', nullable: false },
    pageInfoFieldOptions: { description: 'Paging information for this page.' },
  },
});

builder.queryType({ description: 'Read tasks, runs and what tasks point at.' });
builder.mutationType({ description: 'Create, change, delete and run evaluation tasks.' });
builder.subscriptionType({ description: 'Live updates over WebSocket (graphql-transport-ws) or Server-Sent Events.' });
