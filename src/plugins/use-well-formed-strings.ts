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

/**
 * The path (`$name.field[2]`) of the first string in `value` that is not
 * well-formed UTF-16, if any. Walked without recursion and to any depth: a
 * JSON input may nest strings as deep as its scalar takes (64 levels, inside
 * input objects), and the variables are bounded by the body size.
 */
function illFormed(value: unknown, path: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return at;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    // pushed in reverse, so the first one in document order is found first
    const entries: Array<[unknown, string]> = Array.isArray(item)
      ? item.map((child, i) => [child, `${at}[${i}]`])
      : Object.entries(item).flatMap(([key, child]) => [[key, at], [child, `${at}.${key}`]] as Array<[unknown, string]>);
    for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]!);
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
