/**
 * The object refs of what tasks point at, declared once so the noun files
 * can point at each other; each noun file implements its own.
 */
import { builder } from './builder.ts';
import type { Dataset, DatasetVersion, Evaluator, EvaluatorVersion, Experiment, Project, Space } from '../upstream/types.ts';

/** `Space`, backed by the upstream's space. */
export const SpaceRef = builder.objectRef<Space>('Space');
/** `Project`, backed by the upstream's project. */
export const ProjectRef = builder.objectRef<Project>('Project');
/** `Dataset`, backed by the upstream's dataset. */
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
/** `DatasetVersion`, backed by the upstream's dataset version. */
export const DatasetVersionRef = builder.objectRef<DatasetVersion>('DatasetVersion');
/** `Experiment`, backed by the upstream's experiment. */
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
/** `Evaluator`, backed by the upstream's evaluator (with its version when read by id). */
export const EvaluatorRef = builder.objectRef<Evaluator>('Evaluator');
/** `EvaluatorVersion`, backed by the upstream's evaluator version. */
export const EvaluatorVersionRef = builder.objectRef<EvaluatorVersion>('EvaluatorVersion');
