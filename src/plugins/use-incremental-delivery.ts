/**
 * `@defer` and `@stream` (incremental delivery), on every transport: yoga's
 * `/graphql` answers `multipart/mixed` or `text/event-stream` with one part
 * per payload, graphql-ws sends one `next` per payload, graphql-sse one event
 * per payload. yoga's executor runs them (the schema declares both
 * directives, `src/schema/index.ts`); yoga's plugin adds their validation
 * rules. Besides, this plugin:
 *
 * - refuses `@defer`/`@stream` in a mutation or a subscription
 *   (GRAPHQL_VALIDATION_FAILED): a write's answer is the proof of what it did
 *   and arrives whole, and subscriptions run on graphql-js's `subscribe`,
 *   which would ignore the directives silently;
 * - masks the errors of the later payloads (`incremental[].errors`) as the
 *   first payload's are, so each carries its `extensions.code` and nothing
 *   unexpected leaks (yoga masks only the top-level `errors`);
 * - answers a client that accepts only JSON (`Accept: application/json`, a
 *   plain `fetch`, curl) with the whole result in one JSON body: `@defer` is
 *   a hint, so such a client gets what it would without it.
 */
import { handleStreamOrSingleExecutionResult } from '@envelop/core';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import {
  GraphQLError, Kind, visit,
  type ASTNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLFormattedError, type ValidationContext, type ValidationRule,
} from 'graphql';
import { isAsyncIterable, processRegularResult, type Plugin } from 'graphql-yoga';

/** One later payload's piece: deferred `data` at `path`, or streamed `items` from the list index at the end of `path`. */
export interface IncrementalPiece {
  data?: Record<string, unknown> | null;
  items?: readonly unknown[] | null;
  path: ReadonlyArray<string | number>;
  errors?: readonly GraphQLError[];
  label?: string;
  extensions?: Record<string, unknown>;
}

/** A payload of an incremental result: the first (`data`), or a later one (`incremental`). */
export type IncrementalPayload = ExecutionResult & { hasNext?: boolean; incremental?: readonly IncrementalPiece[] };

/** What masks an error (yoga's `maskedErrors.maskError`). */
export type MaskError = (error: unknown, message: string) => Error;

const DIRECTIVES = new Set(['defer', 'stream']);

/** Validation: no `@defer`/`@stream` anywhere in a mutation or a subscription (its fragments included). */
export const IncrementalOnlyInQueriesRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(operation) {
    if (operation.operation === 'query') return false;
    const nodes: ASTNode[] = [operation, ...context.getRecursivelyReferencedFragments(operation) as FragmentDefinitionNode[]];
    for (const node of nodes) {
      visit(node, {
        Directive(directive) {
          if (!DIRECTIVES.has(directive.name.value)) return;
          context.reportError(new GraphQLError(
            `@${directive.name.value} is for queries: a ${operation.operation}'s result is sent whole (run the fields to defer or stream in a query).`,
            { nodes: directive, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ));
        },
      });
    }
    return false;
  },
});

/** The validation rules a plugin adds in its `onValidate`, asked once. */
function rulesOf(plugin: { onValidate?: unknown }): ValidationRule[] {
  const added: ValidationRule[] = [];
  const onValidate = plugin.onValidate as ((payload: object) => unknown) | undefined;
  onValidate?.({ params: { rules: [] }, addValidationRule: (rule: ValidationRule) => added.push(rule) });
  // a yoga that adds its rules another way would leave @defer/@stream unchecked: stop at start, not later
  if (added.length === 0) throw new Error('@graphql-yoga/plugin-defer-stream added no validation rules: see src/plugins/use-incremental-delivery.ts');
  return added;
}

/** `payload` with the errors of its later pieces masked. */
function maskPieces(payload: IncrementalPayload, maskError: MaskError): IncrementalPayload | undefined {
  if (!payload.incremental?.some((piece) => piece.errors?.length)) return undefined;
  return {
    ...payload,
    incremental: payload.incremental.map((piece) => (piece.errors?.length
      ? { ...piece, errors: piece.errors.map((error) => maskError(error, 'Unexpected error.') as GraphQLError) }
      : piece)),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges `source` into `target`: objects key by key and lists item by item, deeply; anything else replaced. */
function mergeInto(target: Record<string, unknown> | unknown[], source: Record<string, unknown> | unknown[]): void {
  for (const [key, value] of Object.entries(source)) {
    const kept = (target as Record<string, unknown>)[key];
    if (isRecord(kept) && isRecord(value)) mergeInto(kept, value);
    else if (Array.isArray(kept) && Array.isArray(value) && kept.length === value.length) mergeInto(kept, value);
    else (target as Record<string, unknown>)[key] = value;
  }
}

/** The value at `path` under `root`, if there is one. */
function at(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Puts one later piece in place in `data`. */
function applyPiece(data: Record<string, unknown>, piece: IncrementalPiece): void {
  if (piece.items) {
    const list = at(data, piece.path.slice(0, -1));
    const index = piece.path[piece.path.length - 1];
    if (Array.isArray(list) && typeof index === 'number') list.splice(index, piece.items.length, ...piece.items);
    return;
  }
  const target = at(data, piece.path);
  if (isRecord(target) && isRecord(piece.data)) mergeInto(target, piece.data);
}

/** Reads every payload of an incremental result and returns the one result a client without incremental delivery gets. */
export async function wholeResult(payloads: AsyncIterable<IncrementalPayload>): Promise<ExecutionResult> {
  let data: Record<string, unknown> | null | undefined;
  const errors: Array<GraphQLError | GraphQLFormattedError> = [];
  let extensions: Record<string, unknown> | undefined;
  for await (const payload of payloads) {
    if ('data' in payload) data = payload.data as Record<string, unknown> | null | undefined;
    errors.push(...(payload.errors ?? []));
    if (payload.extensions) extensions = { ...extensions, ...payload.extensions };
    for (const piece of payload.incremental ?? []) {
      errors.push(...(piece.errors ?? []));
      if (data) applyPiece(data, piece);
    }
  }
  return {
    ...(data !== undefined ? { data } : {}),
    ...(errors.length > 0 ? { errors: errors as GraphQLError[] } : {}),
    ...(extensions ? { extensions } : {}),
  };
}

/** The JSON type a request accepts (`application/graphql-response+json` first), if it accepts one. */
export function acceptedJson(accept: string | null): string | undefined {
  const types = (accept ?? '').toLowerCase().split(',').map((part) => part.split(';')[0]!.trim());
  return ['application/graphql-response+json', 'application/json'].find((type) => types.includes(type));
}

/** The plugin; `maskError` is the gateway's (`src/errors.ts`). */
export function useIncrementalDelivery(maskError: MaskError): Plugin {
  // the HTTP requests whose operation answered with an incremental result
  const incremental = new WeakSet<Request>();
  // yoga's plugin declares the directives (onSchemaChange) and adds four rules on every request, after
  // filtering the rule list it is handed, a copy that the request never uses: the rules are taken once
  // here, and added as they are with ours
  const deferStream = useDeferStream();
  const rules = [...rulesOf(deferStream), IncrementalOnlyInQueriesRule];
  return {
    onPluginInit({ addPlugin }) {
      addPlugin({ onSchemaChange: deferStream.onSchemaChange } as Plugin);
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args }) {
      return {
        onExecuteDone(payload) {
          if (!isAsyncIterable(payload.result)) return undefined;
          const request = (args.contextValue as { request?: Request }).request;
          if (request) incremental.add(request);
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const masked = maskPieces(result as IncrementalPayload, maskError);
            if (masked) setResult(masked);
          });
        },
      };
    },
    // yoga found no processor: the client takes neither multipart/mixed nor text/event-stream
    // not async: a result yoga has a processor for waits for nothing here
    onResultProcess({ request, result, resultProcessor, setResult, setResultProcessor }) {
      if (resultProcessor || !isAsyncIterable(result) || !incremental.has(request)) return undefined;
      const json = acceptedJson(request.headers.get('accept'));
      if (!json) return undefined; // nothing it takes: yoga's 406
      return wholeResult(result as AsyncIterable<IncrementalPayload>).then((whole) => {
        setResult(whole);
        setResultProcessor(processRegularResult, json);
      });
    },
  };
}
