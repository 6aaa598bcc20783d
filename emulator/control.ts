/**
 * The emulator's test-control API (`emulator.control`): what tests and demos
 * may read of the stored data and the few ways they may change it (make a
 * run with given timings, hold, release, move on or finish a run, add a
 * space, a task or an evaluator version), so that nothing outside the
 * emulator depends on how the store keeps its data. Everything goes through
 * the same rules and run clock as the REST API.
 */
import type { AiIntegration, Dataset, DatasetVersion, Experiment, Project, Space, TaskRun } from '../src/upstream/types.ts';
import type { RunRecord } from './run-clock.ts';
import { triggerRun } from './run-rules.ts';
import type { EvaluatorRecord, ExampleRecord, IntegrationRecord, Store, Task, WireEvaluatorVersion } from './store.ts';
import { createTask } from './task-rules.ts';

/** How a run made by {@link EmulatorControl.addRun} behaves; each defaults to the emulator's run settings. */
export type RunOptions = Partial<Pick<RunRecord, 'created' | 'pendingMs' | 'runningMs' | 'fails' | 'pendingStatus' | 'created_by_user_id'>>;

/** What {@link EmulatorControl.changeRun} may change of a run. */
export type RunChanges = RunOptions & Partial<Pick<RunRecord, 'cancelledAt'>>;

const values = <T>(map: Map<string, { value: T }>): T[] => [...map.values()].map((entry) => entry.value);

/** Reads and changes of the emulator's data for tests, over whichever store the emulator holds now (a reset makes a new one). */
export class EmulatorControl {
  constructor(private readonly store: () => Store) {}

  /** Spaces, in creation order. */
  spaces(): Space[] { return values(this.store().spaces); }
  /** Projects, in creation order. */
  projects(): Project[] { return values(this.store().projects); }
  /** Datasets with their versions (newest first), in creation order. */
  datasets(): Array<Dataset & { versions: DatasetVersion[] }> { return values(this.store().datasets); }
  /** Experiments, in creation order. */
  experiments(): Experiment[] { return values(this.store().experiments); }
  /** Evaluators with their version histories (oldest first), in creation order. */
  evaluators(): EvaluatorRecord[] { return values(this.store().evaluators); }
  /** Tasks, in creation order (as the task list pages them). */
  tasks(): Task[] { return values(this.store().tasks); }
  /** A task as stored now, or undefined once deleted. */
  task(taskId: string): Task | undefined { return this.store().tasks.get(taskId)?.value; }
  /** An evaluator with its version history, or undefined. */
  evaluator(evaluatorId: string): EvaluatorRecord | undefined { return this.store().evaluators.get(evaluatorId)?.value; }
  /** AI integrations, in creation order. */
  aiIntegrations(): AiIntegration[] { return values(this.store().aiIntegrations); }
  /** Integrations (LLM and AGENT), in creation order. */
  integrations(): IntegrationRecord[] { return values(this.store().integrations); }
  /** A dataset version's examples, oldest first. */
  examples(datasetVersionId: string): ExampleRecord[] { return (this.store().examples.get(datasetVersionId) ?? []).map((e) => e.value); }
  /** The id of the space a task lives in. */
  spaceOf(task: Task): string { return this.store().spaceOf(task); }

  /** Runs as the API shows them now, in creation order (of one task when given). */
  runs(taskId?: string): TaskRun[] {
    const store = this.store();
    return [...store.runs.values()].filter((run) => taskId === undefined || run.task_id === taskId).map((run) => store.clock.view(run));
  }
  /** A run as the API shows it now. */
  run(runId: string): TaskRun { return this.store().getRun(runId); }
  /** The dataset examples a RUN_EXPERIMENT run runs over, in order (undefined for an evaluation run). */
  runExamples(runId: string): string[] | undefined { return this.store().run(runId).examples; }

  /** Makes a run of `taskId` now (no trigger rules): for runs with given timings or outcome. Held when the emulator holds new runs. */
  addRun(taskId: string, options: RunOptions = {}): TaskRun {
    const store = this.store();
    return store.clock.view(store.addRun(taskId, { created: store.now(), ...options }));
  }
  /** Triggers a run as `POST /v2/tasks/{id}/trigger` would, without HTTP (its rules and their refusals included). */
  trigger(taskId: string, body: Record<string, unknown> = {}, userId: string | null = null): TaskRun { return triggerRun(this.store(), taskId, body, userId); }
  /** Creates a task as `POST /v2/tasks` would, without HTTP. */
  createTask(body: Record<string, unknown>, userId: string | null = null): Task { return createTask(this.store(), body, userId); }
  /** Adds a space named `name` (names need not be unique). */
  addSpace(name: string, createdAt = '2026-10-01T00:00:00.000Z'): Space {
    const store = this.store();
    const { n, id } = store.newId('Space');
    const space: Space = { id, name, description: null, created_at: createdAt };
    store.spaces.set(id, { n, value: space });
    return space;
  }
  /** Adds a copy of `task` under another name (no rules: for lists longer than the seed's). */
  copyTask(task: Task, name: string): Task {
    const store = this.store();
    const { n, id } = store.newId('OnlineTask');
    const copy: Task = { ...task, id, name };
    store.tasks.set(id, { n, value: copy });
    return copy;
  }
  /** Changes a stored task in place (its `type` may become one the contract does not list, for tests of tolerant readers). */
  changeTask(taskId: string, changes: Partial<Omit<Task, 'id' | 'type'>> & { type?: string }): Task {
    return Object.assign(this.store().get(this.store().tasks, taskId, 'task'), changes);
  }
  /** Changes a run's clock or outcome in place (e.g. pending again from now, shown as `QUEUED`). */
  changeRun(runId: string, changes: RunChanges): TaskRun {
    const run = Object.assign(this.store().run(runId), changes);
    return this.store().clock.view(run);
  }
  /** Adds a version to an evaluator (it becomes the latest); the returned function removes it again. */
  addEvaluatorVersion(evaluatorId: string, version: WireEvaluatorVersion): () => void {
    const versions = this.store().get(this.store().evaluators, evaluatorId, 'evaluator').versions;
    versions.push(version);
    return () => {
      const at = versions.indexOf(version);
      if (at >= 0) versions.splice(at, 1);
    };
  }

  /** Releases held runs (one, or all): each starts `RUNNING` now. Returns how many were held. */
  release(runId?: string): number {
    const store = this.store();
    const one = runId === undefined ? undefined : store.runs.get(runId);
    return store.clock.release(runId === undefined ? store.runs.values() : one ? [one] : []);
  }
  /** Moves a run's own clock on by `ms` (a counter step while running, say). */
  advance(runId: string, ms: number): void { this.store().clock.advance(this.store().run(runId), ms); }
  /** Ends a run now: `COMPLETED`, or `FAILED` when it was made to fail. */
  finish(runId: string): void { this.store().clock.finish(this.store().run(runId)); }
}
