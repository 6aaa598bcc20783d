/**
 * The house rules that keep the code easy to read, checked on the source
 * itself (style.md; issue #23): no value import cycles, imports pointing
 * down (`upstream/` and `runs/` know nothing of GraphQL or of the layers
 * above them), no file in `src/` or `emulator/` over 300 lines and no
 * function over 60.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(path.join(root, file)).isDirectory()) return sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

const files = [...sources('src'), ...sources('emulator')];
const parsed = new Map(files.map((file) => [file, ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true)]));

/** A statement's module specifier when it loads the module at run time (type-only imports and exports load nothing). */
function valueSpecifier(statement: ts.Statement): string | undefined {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.isTypeOnly) return undefined;
    const named = clause?.namedBindings;
    if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) return undefined;
    return (statement.moduleSpecifier as ts.StringLiteral).text;
  }
  if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
    if (statement.isTypeOnly) return undefined;
    const clause = statement.exportClause;
    if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) return undefined;
    return (statement.moduleSpecifier as ts.StringLiteral).text;
  }
  return undefined;
}

/** Every module each file loads at run time: our own files by path, packages by name. */
const loads = new Map([...parsed].map(([file, source]) => [file, source.statements.map(valueSpecifier).filter((s): s is string => s !== undefined)
  .map((spec) => (spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec))]));

describe('imports', () => {
  it('form no value cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of loads.get(file) ?? []) {
        if (!parsed.has(next)) continue;
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of parsed.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('point down: upstream/ and runs/ load no GraphQL and nothing from the layers above them', () => {
    const above = /^src\/(schema|resolvers|plugins|http|app\.ts|server\.ts|context\.ts)/;
    const wrong = [...loads].filter(([file]) => /^src\/(upstream|runs)\//.test(file))
      .flatMap(([file, specs]) => specs.filter((spec) => above.test(spec) || spec === 'graphql' || spec.startsWith('graphql-')).map((spec) => `${file} loads ${spec}`));
    expect(wrong).toEqual([]);
  });

  it('point down: resolvers/ load nothing from schema/ at run time (input types are inferred from the refs: type-only)', () => {
    const wrong = [...loads].filter(([file]) => file.startsWith('src/resolvers/'))
      .flatMap(([file, specs]) => specs.filter((spec) => spec.startsWith('src/schema/')).map((spec) => `${file} loads ${spec}`));
    expect(wrong).toEqual([]);
  });
});

describe('sizes', () => {
  it(`no file in src/ or emulator/ is over ${MAX_FILE_LINES} lines`, () => {
    const long = [...parsed].map(([file, source]) => [file, source.getLineAndCharacterOfPosition(source.end).line + 1] as const)
      .filter(([, lines]) => lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`no function in src/ or emulator/ is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const [file, source] of parsed) {
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const last = source.getLineAndCharacterOfPosition(node.end).line;
          if (last - first + 1 > MAX_FUNCTION_LINES) long.push(`${file}:${first + 1} (${last - first + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
