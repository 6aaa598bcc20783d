/**
 * Arize global ids: base64 of `Type:number:salt`. A value "looks like an id"
 * when it is valid base64 whose bytes are valid UTF-8 text holding a `:`
 * anywhere (the SDK's `is_resource_id`); anything else is a name. The decoded
 * prefix (the text before the first `:`, possibly empty) names the kind;
 * unknown prefixes stay opaque.
 */
/** Upstream id prefix -> GraphQL type name, for the kinds the gateway knows. */
const PREFIX_TO_TYPENAME = {
  OnlineTask: 'Task',
  Task: 'Task',
  TaskRun: 'TaskRun',
  Space: 'Space',
  Project: 'Project',
  Model: 'Project',
  Dataset: 'Dataset',
  DatasetVersion: 'DatasetVersion',
  Experiment: 'Experiment',
  Evaluator: 'Evaluator',
  EvaluatorVersion: 'EvaluatorVersion',
  // an LLM integration is read both as an AI integration and as an integration of type LLM (see resolvers/node.ts)
  LlmIntegration: 'AiIntegration',
  RemoteEndpointIntegration: 'Integration',
  User: 'User',
} as const;
type IdPrefix = keyof typeof PREFIX_TO_TYPENAME;
/** The kinds of object an id can name (`Task` for both `OnlineTask:` and `Task:` ids). */
export type IdKind = (typeof PREFIX_TO_TYPENAME)[IdPrefix];

/** Refuses bytes that are not UTF-8, as Python's `bytes.decode("utf-8")` does (no U+FFFD stand-ins). */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The last value {@link idPrefix} decoded, and its prefix: one request asks about the same id several times in a row (cost, lookup, kind check). */
let last: { value: string; prefix: string | undefined } = { value: '', prefix: undefined };

/** The decoded type prefix of `value`, or undefined when it does not look like an id. */
export function idPrefix(value: string): string | undefined {
  if (value === last.value) return last.prefix;
  let prefix: string | undefined;
  if (value.length >= 4 && BASE64.test(value)) {
    let decoded = '';
    try {
      decoded = UTF8.decode(Buffer.from(value, 'base64'));
    } catch {
      // not UTF-8 text: a name
    }
    const colon = decoded.indexOf(':');
    prefix = colon >= 0 ? decoded.slice(0, colon) : undefined;
  }
  last = { value, prefix };
  return prefix;
}

/** True when `value` is an Arize global id rather than a name (the SDK's `is_resource_id`). */
export const looksLikeId = (value: string): boolean => idPrefix(value) !== undefined;

/** The GraphQL type name for an id (`Task` for `OnlineTask:…`), or undefined for a name or an unknown prefix. */
export function typenameOfId(value: string): string | undefined {
  const prefix = idPrefix(value);
  return prefix !== undefined && prefix in PREFIX_TO_TYPENAME ? PREFIX_TO_TYPENAME[prefix as IdPrefix] : undefined;
}
