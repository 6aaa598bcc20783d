import DataLoader from 'dataloader';
import { isNotFound } from '../upstream/errors.ts';
import type { UpstreamClient } from '../upstream/client.ts';
import type {
  AiIntegration, Dataset, DatasetVersion, Evaluator, EvaluatorVersion, EvaluatorWithVersion, Experiment, Integration, Project, Space, Task, TaskRun,
} from '../upstream/types.ts';
import { spaceByNameLoader, type SpaceMatch } from './space-lookup.ts';

/**
 * Per-request by-id loaders. The upstream has no batch endpoints, so a batch
 * is one GET per distinct id, made at most once per request; a 404 loads as
 * `null`. Built by the context, never shared between requests.
 */
export interface Loaders {
  /**
   * Primes loader `name` with listed `items` by their ids, when (and if) a
   * field of this request first asks that loader for something: a list
   * whose items are never loaded again by id costs nothing more.
   */
  primeWith(name: 'task' | 'run' | ListedLoader, items: ReadonlyArray<{ id: string }>): void;
  task: DataLoader<string, Task | null>;
  run: DataLoader<string, TaskRun | null>;
  project: DataLoader<string, Project | null>;
  dataset: DataLoader<string, Dataset | null>;
  experiment: DataLoader<string, Experiment | null>;
  /** By id the evaluator comes with its latest version; primed from a list it comes without. */
  evaluator: DataLoader<string, Evaluator | EvaluatorWithVersion | null>;
  evaluatorVersion: DataLoader<string, EvaluatorVersion | null>;
  /** A dataset's versions by dataset id (the list of datasets does not carry them). */
  datasetVersions: DataLoader<string, DatasetVersion[] | null>;
  space: DataLoader<string, Space | null>;
  /** Space names to the one space of that exact name (see `space-lookup.ts`); not by id, and never a 404. */
  spaceByName: DataLoader<string, SpaceMatch>;
  aiIntegration: DataLoader<string, AiIntegration | null>;
  integration: DataLoader<string, Integration | null>;
}

function byId<T>(get: (id: string) => Promise<T>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>((ids) =>
    Promise.all(ids.map((id) => get(id).catch((error: unknown) => (isNotFound(error) ? null : (error as Error))))),
  );
}

/**
 * Fresh by-id loaders over one request's upstream client, each made the first
 * time a field asks for it: most operations need one or two of them, and
 * a subscription (which lives for minutes) usually none.
 */
export function createLoaders(upstream: UpstreamClient): Loaders {
  return new LazyLoaders(upstream);
}

/** The loaders a list primes (by-id loaders of what lists return). */
export type ListedLoader = 'project' | 'dataset' | 'experiment' | 'evaluator' | 'space' | 'aiIntegration' | 'integration';
type Primable = 'task' | 'run' | ListedLoader;
type Made = Partial<Omit<Loaders, 'primeWith'>>;

class LazyLoaders implements Loaders {
  #made: Made | undefined;
  /** Listed items waiting for their loader to be made. */
  #listed: Partial<Record<Primable, Array<ReadonlyArray<{ id: string }>>>> | undefined;
  constructor(private readonly upstream: UpstreamClient) {}

  primeWith(name: Primable, items: ReadonlyArray<{ id: string }>): void {
    const made = this.#made?.[name] as { prime(id: string, value: unknown): unknown } | undefined;
    if (made) for (const item of items) made.prime(item.id, item);
    else ((this.#listed ??= {})[name] ??= []).push(items);
  }

  #once<K extends Exclude<keyof Loaders, 'primeWith'>>(name: K, make: () => Loaders[K]): Loaders[K] {
    const made = (this.#made ??= {});
    let loader = made[name] as Loaders[K] | undefined;
    if (loader === undefined) {
      loader = make();
      made[name] = loader as Made[K];
      const waiting = this.#listed?.[name as Primable];
      if (waiting) {
        delete this.#listed![name as Primable];
        for (const items of waiting) for (const item of items) (loader as { prime(id: string, value: unknown): unknown }).prime(item.id, item);
      }
    }
    return loader;
  }

  get task() { return this.#once('task', () => byId((id) => this.upstream.getTask(id))); }
  get run() { return this.#once('run', () => byId((id) => this.upstream.getRun(id))); }
  get project() { return this.#once('project', () => byId((id) => this.upstream.getProject(id))); }
  get dataset() { return this.#once('dataset', () => byId((id) => this.upstream.getDataset(id))); }
  get experiment() { return this.#once('experiment', () => byId((id) => this.upstream.getExperiment(id))); }
  get evaluator() { return this.#once('evaluator', () => byId((id) => this.upstream.getEvaluator(id))); }
  get evaluatorVersion() { return this.#once('evaluatorVersion', () => byId((id) => this.upstream.getEvaluatorVersion(id))); }
  get datasetVersions() { return this.#once('datasetVersions', () => byId((id) => this.upstream.getDataset(id).then((dataset) => dataset.versions ?? []))); }
  get space() { return this.#once('space', () => byId((id) => this.upstream.getSpace(id))); }
  get spaceByName() { return this.#once('spaceByName', () => spaceByNameLoader(this.upstream)); }
  get aiIntegration() { return this.#once('aiIntegration', () => byId((id) => this.upstream.getAiIntegration(id))); }
  get integration() { return this.#once('integration', () => byId((id) => this.upstream.getIntegration(id))); }
}
