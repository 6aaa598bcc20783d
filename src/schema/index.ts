/** Assembles the schema from the type files; defines nothing itself. */
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { specifiedDirectives } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './refs.ts';
import './space.ts';
import './project.ts';
import './dataset.ts';
import './experiment.ts';
import './evaluator.ts';
import './integration.ts';
import './run-configuration.ts';
import './task.ts';
import './task-run.ts';
import './node.ts';

/**
 * The gateway's GraphQL schema, built from the type files. It declares
 * `@defer` and `@stream` (incremental delivery, run by yoga's executor:
 * `src/plugins/use-incremental-delivery.ts`), so clients and tools that read
 * `schema.graphql` see them.
 */
export const schema = builder.toSchema({ sortSchema: false, directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective] });
