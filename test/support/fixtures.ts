/**
 * Named fixtures from the emulator's seeded demo data (`emulator/seed.ts`),
 * read through its test-control API (`emulator.control`): tests name what
 * they need ("a project task that has run", "the golden dataset and its
 * experiments") instead of searching the emulator's lists. A fixture the seed does not
 * have fails loudly, naming it.
 */
import type { Emulator } from '../../emulator/server.ts';
import type { RunOptions } from '../../emulator/control.ts';
import { DECISION_JUDGE } from '../../emulator/store.ts';
import type { TaskRun } from '../../src/upstream/types.ts';
import { held } from './servers.ts';

function one<T>(items: T[], test: (item: T) => boolean, what: string): T {
  const found = items.find(test);
  if (found === undefined) throw new Error(`the emulator's seed has no ${what}`);
  return found;
}

/** The seeded data of `emu`, by name and by role; each getter reads the emulator as it is now. */
export function seeded(emu: Emulator) {
  const c = emu.control;
  return {
    /** The space named `name` (the first, when two share it). */
    space: (name: string) => one(c.spaces(), (s) => s.name === name, `space '${name}'`),
    /** Every space named `name` (space names are not unique). */
    spacesNamed: (name: string) => c.spaces().filter((s) => s.name === name),
    /** The project named `name` (in `spaceId` when given). */
    project: (name: string, spaceId?: string) => one(c.projects(), (p) => p.name === name && (spaceId === undefined || p.space_id === spaceId), `project '${name}'`),
    /** The dataset named `name`, with its versions (newest first). */
    dataset: (name: string) => one(c.datasets(), (d) => d.name === name, `dataset '${name}'`),
    /** The experiment named `name`. */
    experiment: (name: string) => one(c.experiments(), (e) => e.name === name, `experiment '${name}'`),
    /** The evaluator named `name` (in `spaceId` when given), with its version history. */
    evaluator: (name: string, spaceId?: string) => one(c.evaluators(), (e) => e.name === name && (spaceId === undefined || e.space_id === spaceId), `evaluator '${name}'`),
    /** The task named `name` (the first, when several spaces have one). */
    task: (name: string) => one(c.tasks(), (t) => t.name === name, `task '${name}'`),
    /** Every task named `name`. */
    tasksNamed: (name: string) => c.tasks().filter((t) => t.name === name),
    /** The experiments of a dataset. */
    experimentsOf: (datasetId: string) => c.experiments().filter((e) => e.dataset_id === datasetId),

    /** The first task of the list (a project task with runs). */
    get firstTask() { return one(c.tasks(), () => true, 'task'); },
    /** The first project task (`project_id` set). */
    get projectTask() { return one(c.tasks(), (t) => Boolean(t.project_id), 'project task'); },
    /** The first project task that has run (`last_run_at` set, so a trigger needs no window). */
    get projectTaskThatHasRun() { return one(c.tasks(), (t) => Boolean(t.project_id && t.last_run_at), 'project task that has run'); },
    /** The first dataset-based evaluation task. */
    get datasetTask() { return one(c.tasks(), (t) => Boolean(t.dataset_id) && t.type !== 'RUN_EXPERIMENT', 'dataset task'); },
    /** The RUN_EXPERIMENT task (with a finished run and its experiment). */
    get experimentTask() { return one(c.tasks(), (t) => t.type === 'RUN_EXPERIMENT', 'RUN_EXPERIMENT task'); },
    /** The trace-level task (`query_filters`, evaluators with `query_mappings`). */
    get traceTask() { return one(c.tasks(), (t) => t.name === 'trace-coherence-check', 'trace-level task'); },
    /** The Decision Judge task (a kind the gateway does not know). */
    get judgeTask() { return one(c.tasks(), (t) => t.type === DECISION_JUDGE, 'Decision Judge task'); },
    /** The Decision Judge evaluator. */
    get judgeEvaluator() { return one(c.evaluators(), (e) => e.type === DECISION_JUDGE, 'Decision Judge evaluator'); },
    /** The first project. */
    get firstProject() { return one(c.projects(), () => true, 'project'); },
    /** The first dataset. */
    get firstDataset() { return one(c.datasets(), () => true, 'dataset'); },
    /** The first evaluator (Hallucination: a template evaluator with two versions). */
    get firstEvaluator() { return one(c.evaluators(), () => true, 'evaluator'); },
    /** The golden-questions dataset (with examples in both versions and three experiments). */
    get golden() { return one(c.datasets(), (d) => d.name === 'golden-questions', 'dataset golden-questions'); },
    /** The standalone experiment (a space, no dataset): its runs have no example. */
    get playground() { return one(c.experiments(), (e) => e.name === 'playground-chat', 'standalone experiment'); },
    /** The OpenAI AI integration. */
    get openAi() { return one(c.aiIntegrations(), (a) => a.provider === 'OPEN_AI', 'OpenAI integration'); },
    /** The AGENT integration. */
    get agentIntegration() { return one(c.integrations(), (i) => i.type === 'AGENT', 'AGENT integration'); },
    /** The LLM integration. */
    get llmIntegration() { return one(c.integrations(), (i) => i.type === 'LLM', 'LLM integration'); },
    /** The first seeded run (of the first task). */
    get firstRun() { return one(c.runs(), () => true, 'run'); },
  };
}

/** A new run of `taskId` that stays `PENDING` for `pendingMs` (a minute by default), then runs as the emulator's settings say. */
export function pendingRun(emu: Emulator, taskId: string, pendingMs = 60_000, options: RunOptions = {}): TaskRun {
  return emu.control.addRun(taskId, { pendingMs, ...options });
}

/** A new run of `taskId` held `PENDING` until released (`steer(emu, run.id).start()`): race-free PENDING and RUNNING observations. */
export function heldRun(emu: Emulator, taskId: string, options: RunOptions = {}): Promise<TaskRun> {
  return held(emu, async () => emu.control.addRun(taskId, options));
}
