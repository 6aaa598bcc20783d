/**
 * What an upstream REST path is about: the object it names (for NOT_FOUND
 * wording) and its route template (for traces and metrics, never ids).
 */
import type { Subject } from './errors.ts';

/** Path segments that name a collection, and what one of its objects is called. */
const KINDS: Record<string, string> = {
  tasks: 'Task', 'task-runs': 'Task run', spaces: 'Space', projects: 'Project', datasets: 'Dataset', experiments: 'Experiment',
  evaluators: 'Evaluator', versions: 'Evaluator version', 'ai-integrations': 'AI integration', integrations: 'Integration',
};

/** The last object a REST path names (`tasks/T/runs` -> Task T; `evaluators/E/versions/V` -> Evaluator version V), if any. */
export function subjectOf(path: string): Subject | undefined {
  const segments = path.split('?')[0]!.split('/');
  let subject: Subject | undefined;
  for (let i = 0; i + 1 < segments.length; i++) {
    const kind = KINDS[segments[i]!];
    if (kind) subject = { kind, id: decodeURIComponent(segments[i + 1]!) };
  }
  return subject;
}

/** The path's route, ids replaced by `{id}` and no query: `tasks/T/runs?limit=5` -> `/v2/tasks/{id}/runs`. */
export function routeOf(path: string): string {
  const segments = path.split('?')[0]!.split('/');
  return `/v2/${segments.map((segment, i) => (i > 0 && KINDS[segments[i - 1]!] ? '{id}' : segment)).join('/')}`;
}
