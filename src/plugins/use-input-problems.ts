/**
 * An input with several broken rules is thrown as one error carrying them
 * all (`inputProblems` in `src/errors.ts`); this plugin answers it as one
 * BAD_USER_INPUT error per problem, each at the field's path and with its
 * `extensions.field`, so a form can mark every mistake at once. A variable
 * whose value its type refuses (a `DateTime` without a zone, an unknown enum
 * value, a missing required field: graphql-js' coercion, before any rule)
 * gets its `extensions.field` too: the argument the variable fills, and the
 * path into it (`input.dataStartTime`).
 */
import { handleStreamOrSingleExecutionResult } from '@envelop/core';
import { GraphQLError, Kind, getOperationAST, visit, type DocumentNode, type ExecutionResult } from 'graphql';
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

/**
 * graphql-js' words for a variable its type refuses: its name, and the path into its value when the
 * mistake is inside it (`Variable "$i" got invalid value "x" at "i.dataStartTime"; ...`).
 */
const REFUSED_VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" (?:got invalid value .*? at "\1((?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])+)";|got invalid value |of required type |of non-null type )/s;

/** The argument path each variable fills in the operation (`$i` -> `input`, `$s` -> `input.space`), the first use of each. */
function argumentsOfVariables(document: DocumentNode, operationName: string | null | undefined): Map<string, string> {
  const found = new Map<string, string>();
  const operation = getOperationAST(document, operationName);
  if (!operation) return found;
  const path: string[] = [];
  visit(operation, {
    Argument: { enter: (node) => { path.push(node.name.value); }, leave: () => { path.pop(); } },
    ObjectField: { enter: (node) => { path.push(`.${node.name.value}`); }, leave: () => { path.pop(); } },
    Variable: (node) => {
      if (path.length > 0 && !found.has(node.name.value)) found.set(node.name.value, path.join(''));
    },
    VariableDefinition: () => false,
    [Kind.DIRECTIVE]: () => false,
  });
  return found;
}

/** `error` with its `extensions.field` when it is graphql-js' refusal of a variable's value; else itself. */
function withVariableField(error: GraphQLError, fields: () => Map<string, string>): GraphQLError {
  if (error.extensions.field !== undefined || error.path !== undefined) return error;
  const match = REFUSED_VARIABLE.exec(error.message);
  if (!match) return error;
  const [, variable, inside = ''] = match;
  // a required field left out of an object is named after the object's path
  const missing = /; Field "([_A-Za-z][_0-9A-Za-z]*)" of required type "[^"]*" was not provided\.$/.exec(error.message)?.[1];
  const field = `${fields().get(variable!) ?? variable}${inside}${missing ? `.${missing}` : ''}`;
  return new GraphQLError(error.message, { ...(error.nodes ? { nodes: error.nodes } : {}), extensions: { ...error.extensions, field } });
}

/** The plugin. */
export function useInputProblems(): Plugin {
  const rewriteOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let fields: Map<string, string> | undefined;
    const fieldsOf = () => (fields ??= argumentsOfVariables(document, operationName));
    return ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => {
      if (!result.errors?.length) return;
      // graphql-js refuses variables before anything runs: a result with no data at all
      const coerced = result.data === undefined ? result.errors.map((error) => withVariableField(error, fieldsOf)) : result.errors;
      const changed = coerced.some((error, i) => error !== result.errors![i]);
      if (!changed && !result.errors.some((error) => error.extensions?.problems !== undefined)) return;
      setResult({ ...result, errors: coerced.flatMap((error) => expand(error)) });
    };
  };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, rewriteOf(args.document, args.operationName)) }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload as never, rewriteOf(args.document, args.operationName)),
    }),
  };
}
