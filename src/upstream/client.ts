/**
 * One typed method per Arize REST operation, bound to one caller's key: the
 * gateway's whole data layer (resolvers call it directly). Every answer is
 * read with its tolerant schema (`types.ts`); every list returns one
 * {@link Page} shape. {@link Upstream} is what a process holds: the transport,
 * where unknown values are told, and a client per caller.
 */
import type { Method } from 'got';
import { UpstreamError, isNotFound } from './errors.ts';
import { subjectOf } from './paths.ts';
import type {
  CreateTaskBody, ListExamplesParams, ListExperimentsParams, ListInSpaceParams, ListIntegrationsParams, ListRunsParams,
  ListSpacesParams, ListTasksParams, PageParams, TriggerRunBody, UpdateTaskBody,
} from './requests.ts';
import { readWire, type Schema, type UnknownValueSink } from './tolerant.ts';
import { UpstreamTransport, type CallOptions, type TransportOptions, type UpstreamAuth } from './transport.ts';
import {
  AiIntegration, AiIntegrationPage, Dataset, DatasetPage, EvaluatorPage, EvaluatorVersion, EvaluatorVersionPage, EvaluatorWithVersion, ExamplePage,
  Experiment, ExperimentPage, ExperimentRunPage, Integration, IntegrationPage, Project, ProjectPage, Space, SpacePage, Task, TaskPage, TaskRun,
  TaskRunPage, type DatasetExample, type Evaluator, type ExperimentRun, type Page,
} from './types.ts';

/** How the gateway reaches the upstream and whom it tells about values it does not know. Every field has a default in `src/config.ts`. */
export interface UpstreamOptions extends TransportOptions {
  /**
   * Called once per process for each enum value the upstream sent that this
   * gateway does not know (it reads as `UNKNOWN`), e.g. `('TaskRun.status', 'QUEUED')`.
   */
  onUnknownValue?: UnknownValueSink;
}

/** The most distinct unknown (field, value) pairs told; past it, new ones are not told (a hostile upstream cannot grow memory). */
const MAX_UNKNOWN_VALUES = 1000;

/**
 * The process's way to the Arize API: one {@link UpstreamTransport}, one
 * sink that tells each unknown (field, value) once, and a cheap
 * {@link UpstreamClient} per caller ({@link bind}).
 */
export class Upstream {
  readonly transport: UpstreamTransport;
  readonly #unknownSeen = new Set<string>();
  /** Where reads report unknown enum values; each (field, value) reaches `onUnknownValue` once. */
  readonly noteUnknown: UnknownValueSink;

  constructor({ onUnknownValue, ...options }: UpstreamOptions) {
    this.transport = new UpstreamTransport(options);
    this.noteUnknown = (field, value) => {
      const key = `${field}\u0000${value}`;
      if (this.#unknownSeen.has(key) || this.#unknownSeen.size >= MAX_UNKNOWN_VALUES) return;
      this.#unknownSeen.add(key);
      onUnknownValue?.(field, value);
    };
  }

  /**
   * A client whose calls carry `auth`'s key and request id. Cheap: no new
   * connections. With no key, every call throws `missingKey()` and nothing is sent.
   * When `gone` says its client left, its reads stop.
   */
  bind(auth: { apiKey: string | undefined; requestId?: string }, missingKey?: () => Error, gone?: AbortSource): UpstreamClient {
    return new UpstreamClient(this, auth, missingKey, gone);
  }

  /** A task run read like the upstream's answers (the Redis feed reads every state it receives with it). */
  readonly readRun = (raw: unknown): TaskRun => readWire(TaskRun, raw, this.noteUnknown);

  /** See {@link UpstreamTransport.probe}. */
  probe(timeoutMs?: number): Promise<void> {
    return this.transport.probe(timeoutMs);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.transport.close();
  }
}

const enc = encodeURIComponent;

/** The failure of a read whose client went away before it ended. */
const clientGone = (operation: string) => new UpstreamError({ kind: 'network', operation, networkCode: 'ABORTED' });

/** `call`, or a rejection as soon as `gone` says its client left (the call itself is left to end; nobody waits for it). */
function untilGone<T>(call: Promise<T>, gone: AbortSource, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = gone.whenGone(() => reject(clientGone(operation)));
    call.then(
      (value) => { stop(); resolve(value); },
      (error: unknown) => { stop(); reject(error); },
    );
  });
}

const noKey = () => new Error('no API key');

/** Where a client's reads learn that its caller left. */
export interface AbortSource {
  /** True once the caller has left. */
  readonly aborted: boolean;
  /** Calls `listener` once when the caller leaves; returns what stops that. */
  whenGone(listener: () => void): () => void;
}

/**
 * One typed method per upstream operation, bound to one caller's key. This is
 * the gateway's whole data layer: resolvers call it directly.
 */
export class UpstreamClient {
  readonly #transport: UpstreamTransport;
  readonly #noteUnknown: UnknownValueSink;
  readonly #given: { apiKey: string | undefined; requestId?: string };
  /** What the transport is given for each call, made at the first one. */
  #auth: UpstreamAuth | undefined;
  readonly #missingKey: () => Error;
  readonly #gone: AbortSource | undefined;

  /**
   * `gone`: says when the client this client serves has gone away; its
   * reads then stop at once (one in flight rejects, none starts), while a
   * write already sent runs to its end (its outcome is what it is).
   */
  constructor(upstream: Pick<Upstream, 'transport' | 'noteUnknown'>, auth: { apiKey: string | undefined; requestId?: string }, missingKey?: () => Error, gone?: AbortSource) {
    this.#transport = upstream.transport;
    this.#noteUnknown = upstream.noteUnknown;
    this.#given = auth;
    this.#missingKey = missingKey ?? noKey;
    this.#gone = gone;
  }

  #call<T>(operation: string, method: Method, path: string, options?: CallOptions): Promise<T> {
    const { apiKey, requestId } = this.#given;
    if (apiKey === undefined) return Promise.reject(this.#missingKey());
    const auth = (this.#auth ??= requestId ? { apiKey, requestId } : { apiKey });
    const read = method === 'GET' ? this.#gone : undefined;
    if (read?.aborted) return Promise.reject(clientGone(operation));
    const call = this.#transport.request<T>(operation, method, path, auth, options).catch((error: unknown) => {
      if (!(error instanceof UpstreamError)) throw error;
      // the upstream's own text may echo what it was sent: the key never leaves in an error
      const clean = error.redacting(auth.apiKey);
      throw isNotFound(clean) ? clean.about(subjectOf(path)) : clean;
    });
    return read ? untilGone(call, read, operation) : call;
  }

  /** A GET of `path`, its answer read with `schema` (unknown values told once). */
  #get<T>(operation: string, path: string, schema: Schema<T>, searchParams?: object, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<T> {
    return this.#call<unknown>(operation, 'GET', path, { searchParams, ...options }).then((raw) => readWire(schema, raw, this.#noteUnknown));
  }

  /**
   * A write (never retried), its answer read with `schema`. When its body
   * names other objects (evaluators, experiments, ...), a 404 does not say
   * that the object of the path is missing: it may be any of them. An answer
   * that names no id says nothing usable about what was written: a
   * `protocol` failure (the write happened; reconciliation looks for it).
   */
  #write<T extends { id: string }>(operation: string, method: Method, path: string, schema: Schema<T>, json?: unknown): Promise<T> {
    const call = this.#call<unknown>(operation, method, path, json === undefined ? {} : { json });
    const named = namesOtherObjects(json);
    return (named ? call.catch((error: unknown) => { throw notFoundAmongNamed(error); }) : call).then((raw) => {
      const written = readWire(schema, raw, this.#noteUnknown);
      if (written.id === '') throw new UpstreamError({ kind: 'protocol', operation, detail: 'the answer names no id' });
      return written;
    });
  }

  // ---- tasks
  listTasks(params: ListTasksParams = {}): Promise<Page<Task>> { return this.#get('listTasks', 'tasks', TaskPage, params); }
  getTask(taskId: string): Promise<Task> { return this.#get('getTask', `tasks/${enc(taskId)}`, Task); }
  createTask(body: CreateTaskBody): Promise<Task> { return this.#write('createTask', 'POST', 'tasks', Task, body); }
  updateTask(taskId: string, body: UpdateTaskBody): Promise<Task> { return this.#write('updateTask', 'PATCH', `tasks/${enc(taskId)}`, Task, body); }
  /**
   * Deletes a task. A 404 after a retry means an earlier attempt did delete
   * it (its answer was lost), so that counts as done.
   */
  async deleteTask(taskId: string): Promise<void> {
    try {
      await this.#call<void>('deleteTask', 'DELETE', `tasks/${enc(taskId)}`);
    } catch (error) {
      if (!(isNotFound(error) && (error as UpstreamError).retries > 0)) throw error;
    }
  }
  /** Starts a run; always sends a body (`{}` at least), as the reference client does. Never retried. */
  triggerRun(taskId: string, body: TriggerRunBody = {}): Promise<TaskRun> {
    return this.#write('triggerRun', 'POST', `tasks/${enc(taskId)}/trigger`, TaskRun, body);
  }
  listRuns(taskId: string, params: ListRunsParams = {}): Promise<Page<TaskRun>> { return this.#get('listRuns', `tasks/${enc(taskId)}/runs`, TaskRunPage, params); }
  /** `retry: false` for pollers that back off by themselves; `signal` aborts the call. */
  getRun(runId: string, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<TaskRun> {
    return this.#get('getRun', `task-runs/${enc(runId)}`, TaskRun, undefined, options);
  }
  cancelRun(runId: string): Promise<TaskRun> { return this.#write('cancelRun', 'POST', `task-runs/${enc(runId)}/cancel`, TaskRun); }

  // ---- what tasks point at
  listSpaces(params: ListSpacesParams = {}): Promise<Page<Space>> { return this.#get('listSpaces', 'spaces', SpacePage, params); }
  getSpace(spaceId: string): Promise<Space> { return this.#get('getSpace', `spaces/${enc(spaceId)}`, Space); }
  listProjects(params: ListInSpaceParams = {}): Promise<Page<Project>> { return this.#get('listProjects', 'projects', ProjectPage, params); }
  getProject(projectId: string): Promise<Project> { return this.#get('getProject', `projects/${enc(projectId)}`, Project); }
  listDatasets(params: ListInSpaceParams = {}): Promise<Page<Dataset>> { return this.#get('listDatasets', 'datasets', DatasetPage, params); }
  /** A dataset with its `versions`, newest first. */
  getDataset(datasetId: string): Promise<Dataset> { return this.#get('getDataset', `datasets/${enc(datasetId)}`, Dataset); }
  listExperiments(params: ListExperimentsParams = {}): Promise<Page<Experiment>> { return this.#get('listExperiments', 'experiments', ExperimentPage, params); }
  getExperiment(experimentId: string): Promise<Experiment> { return this.#get('getExperiment', `experiments/${enc(experimentId)}`, Experiment); }
  listEvaluators(params: ListInSpaceParams = {}): Promise<Page<Evaluator>> { return this.#get('listEvaluators', 'evaluators', EvaluatorPage, params); }
  /** An evaluator with one resolved version: the latest, or `version_id`'s. */
  getEvaluator(evaluatorId: string, params: { version_id?: string } = {}): Promise<EvaluatorWithVersion> {
    return this.#get('getEvaluator', `evaluators/${enc(evaluatorId)}`, EvaluatorWithVersion, params);
  }
  listEvaluatorVersions(evaluatorId: string, params: PageParams = {}): Promise<Page<EvaluatorVersion>> {
    return this.#get('listEvaluatorVersions', `evaluators/${enc(evaluatorId)}/versions`, EvaluatorVersionPage, params);
  }
  getEvaluatorVersion(versionId: string): Promise<EvaluatorVersion> {
    return this.#get('getEvaluatorVersion', `evaluator-versions/${enc(versionId)}`, EvaluatorVersion);
  }

  // ---- what RUN_EXPERIMENT tasks read and name
  /** A dataset version's examples (the latest version when none is named), oldest first; `limit` up to 500. */
  listDatasetExamples(datasetId: string, params: ListExamplesParams = {}): Promise<Page<DatasetExample>> {
    return this.#get('listDatasetExamples', `datasets/${enc(datasetId)}/examples`, ExamplePage, params);
  }
  /** An experiment's runs in insertion order; `limit` up to 500. */
  listExperimentRuns(experimentId: string, params: PageParams = {}): Promise<Page<ExperimentRun>> {
    return this.#get('listExperimentRuns', `experiments/${enc(experimentId)}/runs`, ExperimentRunPage, params);
  }
  listAiIntegrations(params: ListInSpaceParams = {}): Promise<Page<AiIntegration>> {
    return this.#get('listAiIntegrations', 'ai-integrations', AiIntegrationPage, params);
  }
  getAiIntegration(integrationId: string): Promise<AiIntegration> {
    return this.#get('getAiIntegration', `ai-integrations/${enc(integrationId)}`, AiIntegration);
  }
  listIntegrations(params: ListIntegrationsParams): Promise<Page<Integration>> { return this.#get('listIntegrations', 'integrations', IntegrationPage, params); }
  getIntegration(integrationId: string): Promise<Integration> { return this.#get('getIntegration', `integrations/${enc(integrationId)}`, Integration); }
}

/** Body keys of task writes that name other upstream objects. */
const NAMING_KEYS = ['evaluators', 'run_configuration', 'experiment_ids', 'dataset_version_id', 'example_ids', 'evaluation_task_ids'];

/** True when a write's body names objects besides the one in its path. */
const namesOtherObjects = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && NAMING_KEYS.some((key) => (json as Record<string, unknown>)[key] != null);

/** A 404 about the path's object, reworded to say it may be about an object the input names instead. */
function notFoundAmongNamed(error: unknown): unknown {
  return error instanceof UpstreamError && isNotFound(error) && error.subject ? error.about({ ...error.subject, orNamedInInput: true }) : error;
}
