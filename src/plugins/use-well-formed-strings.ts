/**
 * A string that cannot be encoded (a lone UTF-16 surrogate such as
 * `"\ud800"`, which JSON allows) can neither go into an upstream URL nor be
 * stored upstream: a variable holding one is BAD_USER_INPUT, naming the
 * variable, before the operation runs, on every transport (HTTP, SSE,
 * WebSocket: they all execute through this pipeline).
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** A lone surrogate: in `u` mode a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path (`$name.field[2]`) of the first string in `value` that is not well-formed UTF-16, if any. */
function illFormed(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormed(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = illFormed(key, path, depth + 1) ?? illFormed(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The refusal for the variables of an operation, or undefined when every string in them is well-formed. */
function refusal(variables: unknown): ExecutionResult | undefined {
  if (variables === null || typeof variables !== 'object') return undefined;
  for (const [name, value] of Object.entries(variables)) {
    const path = illFormed(value, `$${name}`);
    if (path) {
      return {
        errors: [new GraphQLError(`${path} holds a string that is not valid Unicode (a lone surrogate such as \\ud800): send well-formed text.`, {
          extensions: { code: 'BAD_USER_INPUT', field: path.slice(1) },
        })],
      };
    }
  }
  return undefined;
}

/** The plugin. */
export function useWellFormedStrings(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = refusal(args.variableValues);
      if (refused) setResultAndStopExecution(refused);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = refusal(args.variableValues);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}
