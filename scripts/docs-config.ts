/**
 * `npm run docs:config`: writes the README's configuration tables from the
 * tables the code reads (`src/config/variables.ts`, `emulator/env.ts`),
 * between their `<!-- config-table:... -->` markers. A unit test fails when
 * the README is not what this would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EMULATOR_VARIABLES } from '../emulator/env.ts';
import { markdownTable, type Table } from '../src/config/table.ts';
import { VARIABLES } from '../src/config/variables.ts';

/** A generated README table: its marker name, the file that declares it, and the table. */
export interface ConfigTable {
  name: string;
  source: string;
  table: Table;
}

/** The README's generated tables. */
export const CONFIG_TABLES: readonly ConfigTable[] = [
  { name: 'gateway', source: 'src/config/variables.ts', table: VARIABLES },
  { name: 'emulator', source: 'emulator/env.ts', table: EMULATOR_VARIABLES },
];

/** Where the generated text of `table` starts and ends in `readme` (between its markers), or undefined without them. */
export function generatedSpan(readme: string, { name, source }: ConfigTable): { start: number; end: number } | undefined {
  const open = `<!-- config-table:${name}: generated from ${source} by \`npm run docs:config\` -->`;
  const from = readme.indexOf(open);
  const end = readme.indexOf(`<!-- /config-table:${name} -->`, from);
  return from < 0 || end < 0 ? undefined : { start: from + open.length, end };
}

/** The text `npm run docs:config` writes between the markers of `table`. */
export const generatedText = ({ table }: ConfigTable): string => `\n${markdownTable(table)}\n`;

/** `readme` with every generated table written anew; throws when a table's markers are missing. */
export function withConfigTables(readme: string): string {
  let text = readme;
  for (const table of CONFIG_TABLES) {
    const span = generatedSpan(text, table);
    if (span === undefined) throw new Error(`README.md has no markers for the ${table.name} configuration table`);
    text = text.slice(0, span.start) + generatedText(table) + text.slice(span.end);
  }
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = new URL('../README.md', import.meta.url);
  const readme = readFileSync(file, 'utf8');
  const updated = withConfigTables(readme);
  writeFileSync(file, updated);
  console.log(updated === readme ? 'README.md: configuration tables already current' : 'README.md: configuration tables written');
}
