/**
 * Started by bench/compare.ts when `bench/peers/node_modules` exists:
 * composes mesh.config.ts into a supergraph, then runs Hive Gateway on
 * MESH_PORT (health at /healthcheck), both on this process's Node binary
 * (not the `node` on PATH, so `bench:compare --node` reaches them). Env:
 * MESH_PORT, ARIZE_API_URL, OPENAPI_FILE (default
 * ../../contract/arize-openapi.yaml). No key: each request's own
 * `authorization` header is passed on to the upstream (mesh.config.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = import.meta.dirname;
const require = createRequire(import.meta.url);
/** The file behind a package's `bin` entry, to run with process.execPath rather than its `#!/usr/bin/env node`. */
const bin = (pkg, name) => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: entries } = require(manifest);
  return path.join(path.dirname(manifest), typeof entries === 'string' ? entries : entries[name]);
};
const env = { ...process.env, OPENAPI_FILE: process.env.OPENAPI_FILE ?? path.resolve(here, '../../contract/arize-openapi.yaml') };
try {
  // quiet unless it fails: the compose CLI logs its progress on stderr
  execFileSync(process.execPath, [bin('@graphql-mesh/compose-cli', 'mesh-compose'), '-o', 'supergraph.graphql'], { cwd: here, env, stdio: 'pipe' });
} catch (error) {
  process.stderr.write(`mesh-compose failed: ${error.stderr ?? error.message}\n`);
  process.exit(1);
}
const gateway = spawn(process.execPath, [bin('@graphql-hive/gateway', 'hive-gateway'), 'supergraph', 'supergraph.graphql', '--port', process.env.MESH_PORT ?? '4100'], {
  cwd: here, env, stdio: ['ignore', 'ignore', 'inherit'],
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => gateway.kill(signal));
gateway.on('exit', (code) => process.exit(code ?? 0));
