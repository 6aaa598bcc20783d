/**
 * GraphQL Code Generator as a frontend runs it: `codegen.ts` (client preset,
 * DateTime and JSON mapped) over `examples/operations/`, then `tsc` on what
 * it wrote and on `examples/client.ts`, which uses it. The committed
 * `examples/generated/` must be what codegen writes today.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// inside the repository, so its package.json (ES modules) and node_modules apply
const out = mkdtempSync(path.join(root, '.codegen-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('codegen.ts', () => {
  it('generates typed documents and a trusted-documents manifest; the committed ones are current', () => {
    execFileSync(path.join(root, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--silent'], {
      cwd: root, env: { ...process.env, CODEGEN_OUT: out }, stdio: 'pipe',
    });
    const files = readdirSync(out).sort();
    expect(files).toEqual(['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json']);
    for (const file of files) {
      expect(readFileSync(path.join(out, file), 'utf8'), `examples/generated/${file} is stale: run npm run codegen`)
        .toBe(readFileSync(path.join(root, 'examples/generated', file), 'utf8'));
    }
    const manifest = JSON.parse(readFileSync(path.join(out, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest).every((key) => /^sha256:[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(Object.values(manifest).some((doc) => doc.startsWith('subscription WatchRun'))).toBe(true);
  }, 60_000);

  it('type-checks: the generated documents, and examples/client.ts using them (DateTime as string)', () => {
    const probe = path.join(out, 'probe.ts');
    writeFileSync(probe, [
      `import { TaskDetailDocument, type TaskDetailQuery } from './graphql.ts';`,
      `import { connect } from '${path.join(root, 'examples/client.ts')}';`,
      'export async function created(): Promise<string | undefined> {',
      '  const data: TaskDetailQuery = await connect().request(TaskDetailDocument, { task: "t" });',
      '  const at: string | undefined = data.task?.createdAt; // DateTime is an ISO string',
      '  return at;',
      '}',
    ].join('\n'));
    const tsconfig = path.join(out, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      compilerOptions: { typeRoots: [path.join(root, 'node_modules/@types')] },
      include: [path.join(out, '*.ts'), path.join(root, 'examples/client.ts')],
      exclude: [],
    }));
    const result = (() => {
      try {
        return execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', tsconfig], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        return String((error as { stdout?: string }).stdout);
      }
    })();
    expect(result).toBe('');
  }, 120_000);
});
