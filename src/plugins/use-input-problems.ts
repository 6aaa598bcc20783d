/**
 * An input with several broken rules is thrown as one error carrying them
 * all (`inputProblems` in `src/errors.ts`); this plugin answers it as one
 * BAD_USER_INPUT error per problem, each at the field's path and with its
 * `extensions.field`, so a form can mark every mistake at once.
 */
import { handleStreamOrSingleExecutionResult } from '@envelop/core';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { InputProblem } from '../errors.ts';

/** `error` as one error per problem, when it carries several; else itself. */
function expand(error: GraphQLError): GraphQLError[] {
  const problems = error.extensions.problems as InputProblem[] | undefined;
  if (!Array.isArray(problems)) return [error];
  const { problems: _all, field: _first, ...extensions } = error.extensions;
  return problems.map((problem) => new GraphQLError(problem.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...extensions, field: problem.field },
  }));
}

/** The plugin. */
export function useInputProblems(): Plugin {
  const rewrite = ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
    if (!result.errors?.some((error) => error.extensions?.problems !== undefined)) return;
    setResult({ ...result, errors: result.errors.flatMap((error) => expand(error)) });
  };
  return {
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, rewrite) }),
    onSubscribe: () => ({ onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload as never, rewrite) }),
  };
}
