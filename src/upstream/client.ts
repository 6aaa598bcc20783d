/**
 * One typed method per Arize REST operation, bound to one caller's key: the
 * gateway's whole data layer (resolvers call it directly). Every answer is
 * read tolerantly (`types.ts`); every list returns one {@link Page} shape.
 */
import type { Method } from 'got';
import { UpstreamError, isNotFound } from './errors.ts';
import { subjectOf } from './paths.ts';
import { keyHashOf } from './key-hash.ts';
import type { CallOptions, UpstreamAuth, UpstreamTransport } from './transport.ts';
import {
  readAiIntegration, readDatasetExample, readExperimentRun, readIntegration,
  readDataset, readEvaluatorWithVersion, readExperiment, readPage, readProject,
  readSpace,
  type CreateTaskBody, type Dataset, type Evaluator, type EvaluatorVersion, type EvaluatorWithVersion, type Experiment,
  type ListExperimentsParams, type ListInSpaceParams, type ListRunsParams, type ListSpacesParams, type ListTasksParams,
  type AiIntegration, type DatasetExample, type ExperimentRun, type Integration, type ListExamplesParams, type ListIntegrationsParams,
  type Page, type PageParams, type Project, type Space, type Task, type TaskRun, type TriggerRunBody, type UpdateTaskBody,
} from './types.ts';

const enc = encodeURIComponent;

/** The failure of a read whose client went away before it ended. */
const clientGone = (operation: string) => new UpstreamError({ kind: 'network', operation, networkCode: 'ABORTED' });

/** `call`, or a rejection as soon as `signal` aborts (the call itself is left to end; nobody waits for it). */
function untilAborted<T>(call: Promise<T>, signal: AbortSignal, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(clientGone(operation));
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
    );
  });
}

/**
 * One typed method per upstream operation, bound to one caller's key. This is
 * the gateway's whole data layer: resolvers call it directly.
 */
export class UpstreamClient {
  readonly #transport: UpstreamTransport;
  readonly #auth: UpstreamAuth | undefined;
  readonly #missingKey: () => Error;
  readonly #signal: AbortSignal | undefined;

  /**
   * `signal`: aborts when the client this client serves has gone away; its
   * reads then stop at once (one in flight rejects, none starts), while a
   * write already sent runs to its end (its outcome is what it is).
   */
  constructor(transport: UpstreamTransport, auth: { apiKey: string | undefined; requestId?: string }, missingKey?: () => Error, signal?: AbortSignal) {
    this.#transport = transport;
    this.#auth = auth.apiKey === undefined ? undefined : { apiKey: auth.apiKey, keyHash: keyHashOf(auth.apiKey), ...(auth.requestId ? { requestId: auth.requestId } : {}) };
    this.#missingKey = missingKey ?? (() => new Error('no API key'));
    this.#signal = signal;
  }

  #call<T>(operation: string, method: Method, path: string, options?: CallOptions): Promise<T> {
    const auth = this.#auth;
    if (!auth) return Promise.reject(this.#missingKey());
    const read = method === 'GET' ? this.#signal : undefined;
    if (read?.aborted) return Promise.reject(clientGone(operation));
    const call = this.#transport.request<T>(operation, method, path, auth, options).catch((error: unknown) => {
      if (!(error instanceof UpstreamError)) throw error;
      // the upstream's own text may echo what it was sent: the key never leaves in an error
      const clean = error.redacting(auth.apiKey);
      throw isNotFound(clean) ? clean.about(subjectOf(path)) : clean;
    });
    return read ? untilAborted(call, read, operation) : call;
  }

  #get<T>(operation: string, path: string, read: (raw: unknown) => T, searchParams?: object, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<T> {
    return this.#call<unknown>(operation, 'GET', path, { searchParams, ...options }).then(read);
  }

  #list<T>(operation: string, path: string, key: string, read: (raw: unknown) => T, params: PageParams): Promise<Page<T>> {
    return this.#get(operation, path, (raw) => readPage(raw, key, read), params);
  }

  // The readers that report unknown values are the transport's (made once), not fields of every client:
  // a client is made per request and per subscription, and lives as long as they do.
  get #task() { return this.#transport.readers.task; }
  get #run() { return this.#transport.readers.run; }
  get #evaluator() { return this.#transport.readers.evaluator; }
  get #evaluatorVersion() { return this.#transport.readers.evaluatorVersion; }

  // ---- tasks
  listTasks(params: ListTasksParams = {}): Promise<Page<Task>> { return this.#list('listTasks', 'tasks', 'tasks', this.#task, params); }
  getTask(taskId: string): Promise<Task> { return this.#get('getTask', `tasks/${enc(taskId)}`, this.#task); }
  createTask(body: CreateTaskBody): Promise<Task> {
    return this.#call<unknown>('createTask', 'POST', 'tasks', { json: body }).then(this.#task);
  }
  updateTask(taskId: string, body: UpdateTaskBody): Promise<Task> {
    return this.#call<unknown>('updateTask', 'PATCH', `tasks/${enc(taskId)}`, { json: body }).then(this.#task);
  }
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
    return this.#call<unknown>('triggerRun', 'POST', `tasks/${enc(taskId)}/trigger`, { json: body }).then(this.#run);
  }
  listRuns(taskId: string, params: ListRunsParams = {}): Promise<Page<TaskRun>> {
    return this.#list('listRuns', `tasks/${enc(taskId)}/runs`, 'task_runs', this.#run, params);
  }
  /** `retry: false` for pollers that back off by themselves; `signal` aborts the call. */
  getRun(runId: string, options?: Pick<CallOptions, 'retry' | 'signal'>): Promise<TaskRun> {
    return this.#get('getRun', `task-runs/${enc(runId)}`, this.#run, undefined, options);
  }
  cancelRun(runId: string): Promise<TaskRun> {
    return this.#call<unknown>('cancelRun', 'POST', `task-runs/${enc(runId)}/cancel`).then(this.#run);
  }

  // ---- what tasks point at
  listSpaces(params: ListSpacesParams = {}): Promise<Page<Space>> { return this.#list('listSpaces', 'spaces', 'spaces', readSpace, params); }
  getSpace(spaceId: string): Promise<Space> { return this.#get('getSpace', `spaces/${enc(spaceId)}`, readSpace); }
  listProjects(params: ListInSpaceParams = {}): Promise<Page<Project>> { return this.#list('listProjects', 'projects', 'projects', readProject, params); }
  getProject(projectId: string): Promise<Project> { return this.#get('getProject', `projects/${enc(projectId)}`, readProject); }
  listDatasets(params: ListInSpaceParams = {}): Promise<Page<Dataset>> { return this.#list('listDatasets', 'datasets', 'datasets', readDataset, params); }
  /** A dataset with its `versions`, newest first. */
  getDataset(datasetId: string): Promise<Dataset> { return this.#get('getDataset', `datasets/${enc(datasetId)}`, readDataset); }
  listExperiments(params: ListExperimentsParams = {}): Promise<Page<Experiment>> {
    return this.#list('listExperiments', 'experiments', 'experiments', readExperiment, params);
  }
  getExperiment(experimentId: string): Promise<Experiment> { return this.#get('getExperiment', `experiments/${enc(experimentId)}`, readExperiment); }
  listEvaluators(params: ListInSpaceParams = {}): Promise<Page<Evaluator>> {
    return this.#list('listEvaluators', 'evaluators', 'evaluators', this.#evaluator, params);
  }
  /** An evaluator with one resolved version: the latest, or `version_id`'s. */
  getEvaluator(evaluatorId: string, params: { version_id?: string } = {}): Promise<EvaluatorWithVersion> {
    return this.#get('getEvaluator', `evaluators/${enc(evaluatorId)}`, (raw) => readEvaluatorWithVersion(raw, this.#transport.noteUnknown), params);
  }
  listEvaluatorVersions(evaluatorId: string, params: PageParams = {}): Promise<Page<EvaluatorVersion>> {
    return this.#list('listEvaluatorVersions', `evaluators/${enc(evaluatorId)}/versions`, 'evaluator_versions', this.#evaluatorVersion, params);
  }
  getEvaluatorVersion(versionId: string): Promise<EvaluatorVersion> {
    return this.#get('getEvaluatorVersion', `evaluator-versions/${enc(versionId)}`, this.#evaluatorVersion);
  }

  // ---- what RUN_EXPERIMENT tasks read and name
  /** A dataset version's examples (the latest version when none is named), oldest first; `limit` up to 500. */
  listDatasetExamples(datasetId: string, params: ListExamplesParams = {}): Promise<Page<DatasetExample>> {
    return this.#list('listDatasetExamples', `datasets/${enc(datasetId)}/examples`, 'examples', readDatasetExample, params);
  }
  /** An experiment's runs in insertion order; `limit` up to 500. */
  listExperimentRuns(experimentId: string, params: PageParams = {}): Promise<Page<ExperimentRun>> {
    return this.#list('listExperimentRuns', `experiments/${enc(experimentId)}/runs`, 'experiment_runs', readExperimentRun, params);
  }
  listAiIntegrations(params: ListInSpaceParams = {}): Promise<Page<AiIntegration>> {
    return this.#list('listAiIntegrations', 'ai-integrations', 'ai_integrations', readAiIntegration, params);
  }
  getAiIntegration(integrationId: string): Promise<AiIntegration> {
    return this.#get('getAiIntegration', `ai-integrations/${enc(integrationId)}`, readAiIntegration);
  }
  listIntegrations(params: ListIntegrationsParams): Promise<Page<Integration>> {
    return this.#list('listIntegrations', 'integrations', 'integrations', (raw) => readIntegration(raw, this.#transport.noteUnknown), params);
  }
  getIntegration(integrationId: string): Promise<Integration> {
    return this.#get('getIntegration', `integrations/${enc(integrationId)}`, (raw) => readIntegration(raw, this.#transport.noteUnknown));
  }
}
