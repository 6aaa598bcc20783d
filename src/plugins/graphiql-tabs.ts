/**
 * The GraphiQL page's tabs, from `examples/operations/`: the welcome text and
 * each tab's file, note and variables are in `examples/operations/graphiql.json`
 * (read there, not written here), the operations in the `.graphql` files.
 * Under `PERSISTED_OPERATIONS=only` the tabs are the manifest's documents as
 * written, since only those run, and nothing else: a comment-only welcome
 * does not parse (GraphiQL marks it as an error), and a welcome comment added
 * to a document would change its text, which then would not run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { PACKAGE_ROOT } from '../config.ts';

/** What the demo data (the local emulator's) offers to fill example variables in. */
export interface DemoData {
  space: string;
  task: string;
  project: string;
  evaluatorId: string;
  dataset: string;
  aiIntegrationId?: string;
  modelName?: string;
}

/** One GraphiQL tab. */
export interface Tab { query: string; variables: string }

/** `examples/operations/graphiql.json`. */
interface TabsFile {
  welcome: string[];
  /** Under `only`: the operation whose trusted document is the first tab. */
  firstOnlyTrusted?: string;
  placeholders: Record<string, unknown>;
  tabs: Array<{ file: string; note?: string[]; variables?: Record<string, unknown> }>;
}

const FOLDER = path.join(PACKAGE_ROOT, 'examples/operations');
const lines = (text: string[] | undefined) => (text?.length ? `${text.join('\n')}\n` : '');

/** The tabs file, or a welcome alone when the folder is not there (an image without the examples). */
function readTabsFile(): TabsFile {
  const file = path.join(FOLDER, 'graphiql.json');
  if (!existsSync(file)) return { welcome: ['{ __typename }'], placeholders: {}, tabs: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as TabsFile;
}

/** `variables` with each `"$name"` string replaced by the demo data's value, else the file's placeholder. */
function fill(variables: unknown, values: Record<string, unknown>): unknown {
  if (typeof variables === 'string' && variables.startsWith('$') && variables.slice(1) in values) return values[variables.slice(1)];
  if (Array.isArray(variables)) return variables.map((item) => fill(item, values));
  if (variables && typeof variables === 'object') {
    return Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, fill(value, values)]));
  }
  return variables;
}

const operationNames = (document: string) => parse(document).definitions
  .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
  .flatMap((d) => (d.name ? [d.name.value] : []));

/**
 * The page's tabs. Without `trusted`, the welcome, then one tab per example
 * file (the order and variables of graphiql.json first, any other file
 * after), its note and a blank line above the file's text.
 * With `trusted` (the manifest's documents, under `only`), one tab per
 * trusted document that holds an operation, as written, with the variables
 * of the example file that defines that operation: the one graphiql.json
 * names `firstOnlyTrusted` first, the others in the examples' order.
 */
export function graphiqlTabs(demo: DemoData | undefined, trusted?: string[]): Tab[] {
  const spec = readTabsFile();
  const values = { ...spec.placeholders, ...demo, anHourAgo: new Date(Date.now() - 3_600_000).toISOString() };
  const files = existsSync(FOLDER) ? readdirSync(FOLDER).filter((f) => f.endsWith('.graphql')).sort() : [];
  const listed = spec.tabs.filter((tab) => files.includes(tab.file));
  const examples = [...listed, ...files.filter((f) => !listed.some((tab) => tab.file === f)).map((file) => ({ file, note: [], variables: {} }))]
    .map((tab) => ({ ...tab, text: readFileSync(path.join(FOLDER, tab.file), 'utf8'), variables: JSON.stringify(fill(tab.variables ?? {}, values), null, 2) }));
  if (!trusted) {
    const noted = (tab: { note?: string[] | undefined; text: string }) => (tab.note?.length ? `${lines(tab.note)}\n${tab.text}` : tab.text);
    return [{ query: lines(spec.welcome), variables: '' }, ...examples.map((tab) => ({ query: noted(tab), variables: tab.variables }))];
  }
  const examplesOperations = examples.flatMap((tab) => operationNames(tab.text).map((name) => [name, tab.variables] as const));
  const variablesOf = new Map(examplesOperations);
  // the first tab, then the examples' order; a document no example defines goes last
  const order = [...new Set([...(spec.firstOnlyTrusted ? [spec.firstOnlyTrusted] : []), ...examplesOperations.map(([name]) => name)])];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return trusted
    .flatMap((document) => {
      const names = operationNames(document);
      return names.length === 0 ? [] : [{ name: names[0]!, tab: { query: document, variables: variablesOf.get(names[0]!) ?? '{}' } }];
    })
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map(({ tab }) => tab);
}
