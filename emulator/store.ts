/**
 * The emulator's data: what Arize's v2 API stores for tasks, runs and the
 * resources they point at, the global ids it hands out, and forward paging
 * with opaque cursors. The upstream's rules over this data live in
 * `task-rules.ts` and `run-rules.ts`, the runs' states in `run-clock.ts`.
 *
 * Values are stored as today's API writes them (uppercase); the server turns
 * them into the legacy dialect when asked.
 */
import type {
  AiIntegration, Dataset, DatasetVersion, Evaluator, EvaluatorType, EvaluatorVersion, Experiment, Pagination, Project, Space,
  Task as ReadTask, TaskRun, TaskType,
} from '../src/upstream/types.ts';
import { badRequest, notFound } from './problems.ts';
import { RunClock, type RunBehaviour, type RunRecord } from './run-clock.ts';

/** The Decision Judge kind's type string in this emulator (Arize has not published its own). */
export const DECISION_JUDGE = 'DECISION_JUDGE';

/** A task as the emulator stores and sends it (today's wire shape; `type` may be a kind the contract does not list). */
export type Task = Omit<ReadTask, 'type' | 'type_name'> & { type: TaskType | typeof DECISION_JUDGE };
/** An evaluator version as stored and sent. */
export type WireEvaluatorVersion = Omit<EvaluatorVersion, 'type'> & { type: EvaluatorType | typeof DECISION_JUDGE };
/** An evaluator as the API sends it. */
export type WireEvaluator = Omit<Evaluator, 'type' | 'type_name'> & { type: EvaluatorType | typeof DECISION_JUDGE };
/** An evaluator with one resolved version, as `GET /v2/evaluators/{id}` sends it. */
export type WireEvaluatorWithVersion = WireEvaluator & { version: WireEvaluatorVersion };

/** A dataset example as the emulator keeps it: the system keys and the user's columns, flat. */
export type ExampleRecord = { id: string; created_at: string; updated_at: string } & Record<string, unknown>;

/** An integration as the API sends it (either type). */
export interface IntegrationRecord {
  id: string; type: 'LLM' | 'AGENT'; name: string; scopings: Array<{ organization_id: string | null; space_id: string | null }>;
  created_at: string; updated_at: string; created_by_user_id: string | null; config: Record<string, unknown>;
}

/** A stored value with its sequence number (the order of creation, which paging follows). */
export interface Entry<T> { n: number; value: T }

/** An evaluator with its version history, oldest first (the last is the latest). */
export interface EvaluatorRecord extends WireEvaluator { versions: WireEvaluatorVersion[] }

/** The demo user every seeded object was created by. */
export const DEMO_USER_ID = Buffer.from('User:1:nNbC').toString('base64');

/** One page of a list: items plus the upstream's `pagination`. */
export interface Page<T> { items: T[]; pagination: Pagination }

const SALT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789?>~';
const CURSOR_PREFIX = 'emu1';

/** The emulator's data, its ids and its paging. */
export class Store {
  readonly spaces = new Map<string, Entry<Space>>();
  readonly projects = new Map<string, Entry<Project>>();
  readonly datasets = new Map<string, Entry<Dataset & { versions: DatasetVersion[] }>>();
  readonly experiments = new Map<string, Entry<Experiment>>();
  readonly evaluators = new Map<string, Entry<EvaluatorRecord>>();
  readonly tasks = new Map<string, Entry<Task>>();
  readonly runs = new Map<string, RunRecord>();
  readonly aiIntegrations = new Map<string, Entry<AiIntegration>>();
  readonly integrations = new Map<string, Entry<IntegrationRecord>>();
  /** Examples by dataset version id, oldest first. */
  readonly examples = new Map<string, Array<Entry<ExampleRecord>>>();
  /** Runs of standalone experiments (no dataset, so no task run made them), by experiment id, in insertion order. */
  readonly standaloneRuns = new Map<string, Array<Record<string, unknown>>>();
  /** The runs' clock: their states, held runs, what happens when one completes. */
  readonly clock: RunClock;
  #counter = 0;
  /** The seeded pseudo-random source of ids and run outcomes. */
  readonly random: () => number;

  constructor(readonly behaviour: RunBehaviour, seed = 7, readonly now: () => number = Date.now) {
    this.random = rng(seed);
    this.clock = new RunClock(behaviour, now);
  }

  /** A global id in Arize's format: base64 of `Type:N:salt`. */
  newId(type: string): { n: number; id: string } {
    const n = ++this.#counter;
    let salt = '';
    for (let i = 0; i < 4; i++) salt += SALT_CHARS[Math.floor(this.random() * SALT_CHARS.length)];
    return { n, id: Buffer.from(`${type}:${n}:${salt}`).toString('base64') };
  }

  /**
   * Pages `items` (already filtered and sorted) after the opaque `cursor`.
   * The cursor names the last item's sequence number: the page resumes right
   * after that item, or, if it was deleted meanwhile, after where it stood
   * (items sorted by sequence, ascending or `descending`).
   */
  page<T>(items: Array<Entry<T>>, limit: number, cursor: string | undefined, descending = false): Page<T> {
    let start = 0;
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      const at = items.findIndex((item) => item.n === after);
      start = at >= 0 ? at + 1 : items.findIndex((item) => (descending ? item.n < after : item.n > after));
      if (start === -1) start = items.length;
    }
    const slice = items.slice(start, start + limit);
    const hasMore = start + limit < items.length;
    const last = slice.at(-1);
    return {
      items: slice.map((item) => item.value),
      pagination: hasMore && last ? { has_more: true, next_cursor: encodeCursor(last.n) } : { has_more: false },
    };
  }

  /** The value stored under `id`, or a 404 naming `what`. */
  get<T>(map: Map<string, Entry<T>>, id: string, what: string): T {
    const record = map.get(id);
    if (!record) throw notFound(`${what} '${id}' was not found`);
    return record.value;
  }

  /** The run stored under `runId`, or a 404. */
  run(runId: string): RunRecord {
    const run = this.runs.get(runId);
    if (!run) throw notFound(`task run '${runId}' was not found`);
    return run;
  }

  /** `GET /v2/task-runs/{id}`: the run as its clock shows it now, or a 404. */
  getRun(runId: string): TaskRun {
    return this.clock.view(this.run(runId));
  }

  /** The space a task lives in: its project's, or its dataset's. */
  spaceOf(task: Task): string {
    if (task.project_id) return this.get(this.projects, task.project_id, 'project').space_id;
    return this.get(this.datasets, task.dataset_id ?? '', 'dataset').space_id;
  }

  /** An evaluator as the API shows it: without its history. */
  evaluatorView(record: EvaluatorRecord): WireEvaluator {
    const { versions: _versions, ...evaluator } = record;
    return evaluator;
  }

  /** `GET /v2/evaluators/{id}`: the evaluator and its latest version, or `versionId`'s (404 when it has no such version). */
  evaluatorWithVersion(evaluatorId: string, versionId?: string): WireEvaluatorWithVersion {
    const record = this.get(this.evaluators, evaluatorId, 'evaluator');
    const version = versionId ? record.versions.find((v) => v.id === versionId) : record.versions.at(-1);
    if (!version) throw notFound(`evaluator version '${versionId}' was not found for evaluator '${evaluatorId}'`);
    return { ...this.evaluatorView(record), version };
  }

  /** `GET /v2/evaluator-versions/{id}`: any evaluator's version. */
  evaluatorVersion(versionId: string): WireEvaluatorVersion {
    for (const { value } of this.evaluators.values()) {
      const version = value.versions.find((v) => v.id === versionId);
      if (version) return version;
    }
    throw notFound(`evaluator version '${versionId}' was not found`);
  }

  /** Versions of an evaluator, newest first, for paging. */
  evaluatorVersions(evaluatorId: string): Array<Entry<WireEvaluatorVersion>> {
    const record = this.get(this.evaluators, evaluatorId, 'evaluator');
    return record.versions.map((value, n) => ({ n: n + 1, value })).reverse();
  }

  /** Adds an experiment created at `at` (ms): of a dataset, or standalone in a space (`dataset_id` null). */
  addExperiment(fields: Pick<Experiment, 'name' | 'dataset_id' | 'dataset_version_id' | 'integration_id'> & { space_id: string }, at: number): Experiment {
    const { n, id } = this.newId('Experiment');
    const iso = new Date(at).toISOString();
    const experiment: Experiment = { id, ...fields, created_at: iso, updated_at: iso };
    this.experiments.set(id, { n, value: experiment });
    return experiment;
  }

  /** Adds a run; timings and outcome default to {@link RunBehaviour} (held when it says so). */
  addRun(taskId: string, init: Partial<Omit<RunRecord, 'n' | 'id' | 'task_id'>> & { created: number }): RunRecord {
    const { n, id } = this.newId('TaskRun');
    const run: RunRecord = {
      n, id, task_id: taskId,
      pendingMs: this.behaviour.pendingMs,
      runningMs: this.behaviour.runningMs,
      fails: this.random() < this.behaviour.failureRate,
      cancelledAt: null,
      totals: { successes: 40 + Math.floor(this.random() * 160), errors: Math.floor(this.random() * 8), skipped: Math.floor(this.random() * 12) },
      data_start_time: null,
      data_end_time: null,
      created_by_user_id: DEMO_USER_ID,
      ...(this.behaviour.holdPending ? { held: true } : {}),
      ...init,
    };
    this.runs.set(id, run);
    return run;
  }

  /** Stops the run clock's ticker (the emulator stopped or was reset). */
  dispose(): void {
    this.clock.stop();
  }
}

/** Deterministic PRNG (mulberry32) so the seeded data is the same on every start. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function encodeCursor(n: number): string {
  return Buffer.from(`${CURSOR_PREFIX}:${n}:${(n * 2654435761) % 9973}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const [prefix, n, check] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const value = Number(n);
  if (prefix !== CURSOR_PREFIX || !Number.isInteger(value) || String((value * 2654435761) % 9973) !== check) {
    throw badRequest('cursor is not valid: pass pagination.next_cursor from a previous response unchanged');
  }
  return value;
}
