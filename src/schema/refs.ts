/**
 * The object refs of what tasks point at, declared once so the noun files
 * can point at each other; each noun file implements its own.
 */
import { builder } from './builder.ts';
import type { Dataset, DatasetVersion, Evaluator, EvaluatorVersion, Experiment, Project, Space } from '../upstream/types.ts';

export const SpaceRef = builder.objectRef<Space>('Space');
export const ProjectRef = builder.objectRef<Project>('Project');
export const DatasetRef = builder.objectRef<Dataset>('Dataset');
export const DatasetVersionRef = builder.objectRef<DatasetVersion>('DatasetVersion');
export const ExperimentRef = builder.objectRef<Experiment>('Experiment');
export const EvaluatorRef = builder.objectRef<Evaluator>('Evaluator');
export const EvaluatorVersionRef = builder.objectRef<EvaluatorVersion>('EvaluatorVersion');
