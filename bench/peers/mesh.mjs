/**
 * Started by bench/compare.ts when `bench/peers/node_modules` exists:
 * composes mesh.config.ts into a supergraph, then runs Hive Gateway on
 * MESH_PORT (health at /healthcheck). Env: MESH_PORT, ARIZE_API_URL,
 * ARIZE_API_KEY, OPENAPI_FILE (default ../../../shared/arize-tasks-openapi.yaml).
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
const bin = (name) => path.join(here, 'node_modules/.bin', name);
const env = { ...process.env, OPENAPI_FILE: process.env.OPENAPI_FILE ?? path.resolve(here, '../../../shared/arize-tasks-openapi.yaml') };
execFileSync(bin('mesh-compose'), ['-o', 'supergraph.graphql'], { cwd: here, env, stdio: ['ignore', 'ignore', 'inherit'] });
const gateway = spawn(bin('hive-gateway'), ['supergraph', 'supergraph.graphql', '--port', process.env.MESH_PORT ?? '4100'], { cwd: here, env, stdio: ['ignore', 'ignore', 'inherit'] });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => gateway.kill(signal));
gateway.on('exit', (code) => process.exit(code ?? 0));
