/**
 * Id arguments: an id of another known kind (a task id where a run id is
 * due) is BAD_USER_INPUT before any upstream call; an unknown prefix passes.
 */
import { badUserInput } from '../errors.ts';
import { looksLikeId, typenameOfId, type IdKind } from '../upstream/ids.ts';

const article = (word: string) => (/^[AEIO]/.test(word) ? `an ${word}` : `a ${word}`); // an Evaluator, a User

/**
 * What is wrong with `value` given where an id of the `expected` kind is due,
 * worded to follow the argument's quoted name (`` `id` expects a TaskRun id, but … ``),
 * or undefined when it is of that kind or of a kind this gateway does not know.
 */
export function idKindProblem(value: string, expected: IdKind): string | undefined {
  const actual = typenameOfId(value);
  return actual !== undefined && actual !== expected
    ? ` expects ${article(expected)} id, but ${JSON.stringify(value)} is ${article(actual)} id.`
    : undefined;
}

/**
 * Checks that an id given for `argument` is of the `expected` kind. An id of
 * another known kind is BAD_USER_INPUT; an unknown prefix passes as it is.
 */
export function expectIdKind(value: string, expected: IdKind, argument: string): string {
  const problem = idKindProblem(value, expected);
  if (problem !== undefined) throw badUserInput(`\`${argument}\`${problem}`, { argument });
  return value;
}

/** Like {@link expectIdKind}, but the value must also look like an id at all. */
export function requireId(value: string, expected: IdKind, argument: string): string {
  if (!looksLikeId(value)) {
    throw badUserInput(`\`${argument}\` must be ${article(expected)} id (got ${JSON.stringify(value)}).`, { argument });
  }
  return expectIdKind(value, expected, argument);
}
