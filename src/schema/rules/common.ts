/**
 * The input rules' vocabulary, and the one translation of their issues into
 * the contract's problems.
 *
 * Rules are valibot schemas that the Pothos input types (and a field's
 * arguments) carry in `validate` (`@pothos/plugin-validation`): the plugin
 * runs them before the field resolves, and the builder's `validationError`
 * hands {@link problemsOf} every issue of the input at once. An input's schema
 * is a pipe of rules that all run, in the order their problems are reported,
 * so a form with four mistakes hears of four, each with its `field` (the
 * argument path, `input.evaluators[1].columnMappings`) and a message led by
 * that path in backquotes. Messages are written to follow the quoted path:
 * {@link says} for "`field`: text", {@link idOf}'s "`field` expects a … id".
 *
 * GraphQL has coerced every value to its declared type before a rule sees it
 * ({@link shaped}), so rules state only what the types cannot.
 */
import * as v from 'valibot';
import type { InputProblem } from '../../errors.ts';
import { idKindProblem } from '../../resolvers/id-args.ts';
import type { IdKind } from '../../upstream/ids.ts';
import { characterCount, MAX_NAME_FILTER_LENGTH } from '../../upstream/requests.ts';

/** A path step after which the path names a field from the top of the arguments (`queryFilters`, not `input.queryFilters`). */
export const TOP: unique symbol = Symbol('top');
/** One step of a problem's path under the checked value: a key, a list index, or {@link TOP}. */
export type Step = string | number | typeof TOP;

/** A problem's text as it follows the field's quoted path: "`input.name`: text". */
export const says = (text: string): string => `: ${text}`;

/** What a {@link rule} can do. */
export interface RuleContext {
  /** Reports a problem at `at` (steps under the checked value; none: the value itself). */
  report(at: readonly Step[], message: string): void;
  /** Checks `value` against `schema`, reporting its problems under `at`; true when it has none. */
  check<T>(at: readonly Step[], schema: Rules<T>, value: T): boolean;
  /** True when a rule before this one reported a problem (one under `key`, when given). */
  failed(key?: string): boolean;
}

/** A schema that checks values of type `T` (or any value). */
export type Rules<T> = v.GenericSchema<T, unknown> | v.GenericSchema<unknown, unknown>;

const step = (key: Step, input: unknown): v.IssuePathItem => ({ type: 'unknown', origin: 'value', input, key, value: undefined });
const pathOf = (at: readonly Step[], input: unknown) => at.map((key) => step(key, input));

type Dataset = { typed: boolean; value: unknown; issues?: v.BaseIssue<unknown>[] | undefined };
type Config = v.Config<v.BaseIssue<unknown>>;

/**
 * Runs `schema` on `value` inside the check of `dataset`, its problems put
 * under `at`: valibot's own composition (`~run`, as `v.object` runs its
 * entries), so nested problems keep their paths and nothing is copied.
 */
function nest(dataset: Dataset, config: Config, at: readonly Step[], schema: Rules<unknown>, value: unknown): boolean {
  const result = schema['~run']({ value }, config);
  if (!result.issues) return true;
  const prefix = pathOf(at, dataset.value);
  for (const issue of result.issues) {
    (issue as { path?: v.IssuePathItem[] }).path = [...prefix, ...(issue.path ?? [])];
    (dataset.issues ??= []).push(issue);
  }
  return false;
}

/** The {@link RuleContext} of one run of a rule. */
class Context implements RuleContext {
  constructor(
    private readonly dataset: Dataset, private readonly config: Config,
    private readonly addIssue: (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void,
  ) {}

  report(at: readonly Step[], message: string): void {
    this.addIssue(at.length > 0 ? { message, path: pathOf(at, this.dataset.value) as [v.IssuePathItem, ...v.IssuePathItem[]] } : { message });
  }

  check<T>(at: readonly Step[], schema: Rules<T>, value: T): boolean {
    return nest(this.dataset, this.config, at, schema as Rules<unknown>, value);
  }

  failed(key?: string): boolean {
    return (this.dataset.issues ?? []).some((issue) => key === undefined || issue.path?.[0]?.key === key);
  }
}

/**
 * A rule over the whole checked value (for rules between its fields, and for
 * problems that must be reported in a given order): one valibot action that
 * runs whether or not the rules before it failed.
 */
export function rule<T>(body: (value: T, c: RuleContext) => void): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, config, addIssue }) => {
    if (dataset.typed) body(dataset.value, new Context(dataset as Dataset, config as Config, addIssue));
  });
}

/** A value GraphQL has already coerced to `T` (the start of an input's pipe of rules). */
export const shaped = <T>() => v.custom<T>(() => true);

/** Checks `value[key]` against `schema` when it is given (neither null nor absent), its problems under `key`. */
export function field<T, K extends keyof T & string>(key: K, schema: Rules<NonNullable<T[K]>>): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, config }) => {
    const given = dataset.typed ? dataset.value[key] : undefined;
    if (given !== null && given !== undefined) nest(dataset as Dataset, config as Config, [key], schema as Rules<unknown>, given);
  });
}

/**
 * An id of the `kind` (or of one of the `alsoPassed` kinds, left to the
 * upstream to judge): an id of another known kind is refused; a name or an
 * unknown prefix passes.
 */
export const idOf = (kind: IdKind, ...alsoPassed: IdKind[]) => {
  const problem = (id: string) => (alsoPassed.some((other) => idKindProblem(id, other) === undefined) ? undefined : idKindProblem(id, kind));
  return v.pipe(v.string(), v.check((id) => problem(id) === undefined, (issue) => problem(issue.input) ?? ''));
};

/** A list's `name` filter: at most as long as the upstream takes. */
export const nameFilter = v.pipe(v.string(), v.check((name) => characterCount(name) <= MAX_NAME_FILTER_LENGTH, (issue) => says(`at most ${MAX_NAME_FILTER_LENGTH} characters, the Arize API's limit for a name filter (got ${characterCount(issue.input as string)}).`)));

/** A whole number of at least 1. */
export const positiveInt = v.pipe(v.number(), v.check((n) => Number.isInteger(n) && n >= 1, (issue) => says(`must be a positive integer (got ${issue.input}).`)));

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON argument that must be an object (an open upstream object). */
export const jsonObject = v.pipe(v.unknown(), v.check(isObject, says('must be a JSON object.')));

/** A JSON object whose values are all of one `kind`; each other value is reported at its key. */
export const jsonMapOf = (kind: 'string' | 'number') => v.pipe(jsonObject, rule<unknown>((map, c) => {
  if (!isObject(map)) return;
  for (const [key, value] of Object.entries(map)) if (typeof value !== kind) c.report([key], says(`must be a ${kind}.`));
}));

/** The field path of a problem: keys joined by `.`, list indices as `[i]`, restarted by {@link TOP}. */
export function fieldOf(path: ReadonlyArray<unknown>): string {
  let field = '';
  for (const segment of path) {
    const key = typeof segment === 'object' && segment !== null ? (segment as { key: unknown }).key : segment;
    if (key === TOP) field = '';
    else if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field;
}

/**
 * The contract's problems of a failed validation (as `@pothos/plugin-validation`
 * hands it to `validationError`, each issue's path led by the argument's
 * name): one per issue, in order, its message led by its field in backquotes.
 */
export function problemsOf(issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<unknown> | undefined }>): InputProblem[] {
  return issues.map((issue) => {
    const field = fieldOf(issue.path ?? []);
    const text = issue.message.startsWith(':') || issue.message.startsWith(' ') ? issue.message : says(issue.message);
    return { field, message: `\`${field}\`${text}` };
  });
}
