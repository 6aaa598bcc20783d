/**
 * A vitest reporter (after the default one) that ends a run with one line
 * when tests were skipped for a missing test server: which tier and file,
 * how many tests, what they need, and the one command that installs it (or,
 * for a server a `TEST_*` variable points at, that the variable is what to
 * fix). Silent when nothing was skipped for that reason.
 */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { MISSING_NOTE, TEST_SERVERS, isOverridden, setupCommandHere, type TestServerName } from './test-servers.ts';

/** The end-of-run line for `modules`, or undefined when no test was skipped for a missing server. */
export function skippedServersLine(modules: ReadonlyArray<TestModule>, root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const parts: string[] = [];
  const servers = new Set<TestServerName>();
  for (const module of modules) {
    const notes = [...module.children.allTests()].flatMap((test) => {
      const result = test.result();
      return result.state === 'skipped' && result.note?.startsWith(MISSING_NOTE) ? [result.note] : [];
    });
    if (notes.length === 0) continue;
    const file = path.relative(root, module.moduleId);
    const tier = file.split(path.sep)[1] ?? 'test';
    const needs = [...new Set(notes.map((note) => note.slice(MISSING_NOTE.length)))];
    for (const need of needs) {
      const name = need.split(' ')[0]!;
      if (name in TEST_SERVERS) servers.add(name as TestServerName);
    }
    parts.push(`${tier}: ${file} (${notes.length} test${notes.length === 1 ? '' : 's'}, needs ${needs.join(', ')})`);
  }
  if (parts.length === 0) return undefined;
  // a server a TEST_* variable points at is never installed: the variable is what to fix
  const remedies = [...servers].filter((name) => isOverridden(name, env)).map((name) => {
    const { override, debianPath } = TEST_SERVERS[name];
    return `${override} points at a ${name} that is not there: fix it, or unset it to use ${debianPath}`;
  });
  if ([...servers].some((name) => !isOverridden(name, env))) remedies.push(`Install what they need with: ${setupCommandHere(env)}`);
  return `Skipped for a missing test server: ${parts.join('; ')}. ${remedies.join('. ')}`;
}

/** Prints {@link skippedServersLine} as the run's last line. */
export default class SkippedServersReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const line = skippedServersLine(modules, process.cwd());
    if (line) process.stdout.write(`\n${line}\n`);
  }
}
