/**
 * A vitest reporter (after the default one) that ends a run with one line
 * when tests were skipped for a missing test server: which tier and file,
 * how many tests, what they need, and the one command that installs it.
 * Silent when nothing was skipped for that reason.
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { MISSING_NOTE, SETUP_COMMAND } from './test-servers.ts';

/** The end-of-run line for `modules`, or undefined when no test was skipped for a missing server. */
export function skippedServersLine(modules: ReadonlyArray<TestModule>, root: string, asRoot: boolean): string | undefined {
  const parts: string[] = [];
  for (const module of modules) {
    const notes = [...module.children.allTests()].flatMap((test) => {
      const result = test.result();
      return result.state === 'skipped' && result.note?.startsWith(MISSING_NOTE) ? [result.note] : [];
    });
    if (notes.length === 0) continue;
    const file = path.relative(root, module.moduleId);
    const tier = file.split(path.sep)[1] ?? 'test';
    const needs = [...new Set(notes.map((note) => note.slice(MISSING_NOTE.length)))].join(', ');
    parts.push(`${tier}: ${file} (${notes.length} test${notes.length === 1 ? '' : 's'}, needs ${needs})`);
  }
  if (parts.length === 0) return undefined;
  return `Skipped for a missing test server: ${parts.join('; ')}. Install what they need with: ${asRoot ? '' : 'sudo '}${SETUP_COMMAND}`;
}

/** Prints {@link skippedServersLine} as the run's last line. */
export default class SkippedServersReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const line = skippedServersLine(modules, process.cwd(), process.getuid?.() === 0);
    if (line) process.stdout.write(`\n${line}\n`);
  }
}
