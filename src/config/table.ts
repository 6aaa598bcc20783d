/**
 * A configuration table: each environment variable once, with its default,
 * its parser and a one-line description. {@link readTable} reads every
 * variable of a table from an environment; the README's configuration tables
 * are rendered from the same entries (`npm run docs:config`).
 */

/** A bad configuration value: one line naming the variable and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A service a variable names cannot be used at start (an unreachable `REDIS_URL`): one line naming the variable. */
export class StartError extends Error {
  override readonly name = 'StartError';
}

/** Thrown by a {@link Parser}: why the text is refused, and the part of it safe to show. */
export class Invalid extends Error {
  override readonly name = 'Invalid';

  constructor(
    /** What the variable accepts, e.g. `must be an integer from 0 to 65535`. */
    readonly reason: string,
    /** The refused text as it may be echoed (a list's bad entry, a URL without its password); undefined echoes nothing. */
    readonly shown?: string,
  ) {
    super(reason);
  }
}

/** Turns a variable's trimmed text (or its default's, when unset) into its value, or throws {@link Invalid}. */
export type Parser<T> = (raw: string) => T;

/** One environment variable. */
export interface Variable<T> {
  /** Parses the trimmed text; unset and empty (after trimming) are the same. */
  readonly parse: Parser<T>;
  /** The text read when the variable is unset, written as one would set it (`'4000'`, `''` for an empty list); absent: no value. */
  readonly default?: string;
  /** For a variable without a `default`: the README's words for the value the reader computes instead, e.g. 1.5 x `RUN_POLL_INTERVAL_MS`. */
  readonly derived?: string;
  /** Words after the default in the README, in parentheses, e.g. `batching off`. */
  readonly note?: string;
  /** The value is a secret: an error never echoes it. */
  readonly secret?: boolean;
  /** What it does: the README's one-line "meaning" (markdown). */
  readonly description: string;
}

/** A configuration table: variable name -> {@link Variable}. */
export type Table = Readonly<Record<string, Variable<unknown>>>;

/** The values a table reads: a variable with a `default` always has one, any other may be undefined. */
export type Values<T extends Table> = {
  readonly [K in keyof T]: T[K] extends Variable<infer V> ? (T[K] extends { default: string } ? V : V | undefined) : never;
};

/** Reads and parses every variable of `table` from `env`, each once. Throws {@link ConfigError} at the first bad value. */
export function readTable<T extends Table>(table: T, env: Readonly<Record<string, string | undefined>>): Values<T> {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(table)) {
    const raw = env[name]?.trim() || variable.default;
    values[name] = raw === undefined ? undefined : parseOne(name, variable, raw);
  }
  return values as Values<T>;
}

function parseOne(name: string, variable: Variable<unknown>, raw: string): unknown {
  try {
    return variable.parse(raw);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const shown = variable.secret || error.shown === undefined ? '' : ` (got "${error.shown}")`;
    throw new ConfigError(`${name} ${error.reason}${shown}`);
  }
}

/** The README's default cell of a variable: `` `4000` ``, empty, unset, or its derived value, then its note. */
export function defaultText(variable: Variable<unknown>): string {
  const base = variable.derived ?? (variable.default === undefined ? 'unset' : variable.default === '' ? 'empty' : `\`${variable.default}\``);
  return variable.note === undefined ? base : `${base} (${variable.note})`;
}

/** The table as a markdown table: variable, default, meaning. */
export function markdownTable(table: Table): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = Object.entries(table).map(([name, variable]) => `| \`${name}\` | ${cell(defaultText(variable))} | ${cell(variable.description)} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
