/**
 * No Docker engine runs here, so the Dockerfile and docker-compose.yml are
 * checked by reading them against the code (the variables they set against
 * the configuration tables), and each image is laid out in a temporary
 * folder from the Dockerfile's own COPY lines (after a real `npm run
 * build`) and its command run there: what an image lacks, the run lacks
 * too. The README's configuration tables are checked in
 * test/unit/config.test.ts.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EMULATOR_VARIABLES } from '../../emulator/env.ts';
import { VARIABLES } from '../../src/config/variables.ts';
import { emulator, until } from '../support/servers.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const compose = parse(read('docker-compose.yml')) as { services: Record<string, any> };
const dockerfile = read('Dockerfile');
const configVariables = Object.keys(VARIABLES);
const emulatorVariables = Object.keys(EMULATOR_VARIABLES);

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
const stages = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))
  .reduce<Array<{ from: string; lines: string[] }>>((all, line) => {
    if (/^FROM /i.test(line)) all.push({ from: line, lines: [] });
    else all.at(-1)?.lines.push(line.trim());
    return all;
  }, []);
const sourceOf = (built: string) => built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
const stage = (name: string) => stages.find((s) => s.from.endsWith(` AS ${name}`))!;
const root = path.resolve(import.meta.dirname, '../..');

/** What a module imports at run time (not `import type`), from its source: local files and packages. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return {
    local: specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), s))),
    packages: specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:')),
  };
}

/** Every file `entry` loads at run time, following local imports, and every package among them. */
function closure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const { local, packages: found } = importsOf(file);
    for (const p of found) packages.add(p);
    for (const next of local) visit(next);
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/**
 * Lays out `name`'s stage in `dir` as its COPY lines would in /app: from the
 * build stage out of this checkout's `npm run build`, node_modules as a link
 * to this checkout's, anything else from the build context.
 */
function layOut(name: string, dir: string): void {
  for (const line of stage(name).lines.filter((l) => l.startsWith('COPY '))) {
    const words = line.split(/\s+/).slice(1);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const [dest, ...sources] = words.filter((w) => !w.startsWith('--')).reverse();
    for (const source of sources.reverse()) {
      const relative = from ? path.relative('/app', source) : source;
      const target = dest!.endsWith('/') ? path.join(dir, dest!, path.basename(relative)) : path.join(dir, dest!);
      mkdirSync(path.dirname(target), { recursive: true });
      if (from === 'deps' && relative === 'node_modules') symlinkSync(path.join(root, 'node_modules'), target, 'dir');
      else cpSync(path.join(root, relative), target, { recursive: true });
    }
  }
}

describe('Dockerfile', () => {
  it('is multi-stage on Node 24 LTS pinned by minor, one version for every stage, and its final stage runs as non-root with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^FROM node:24\.\d+-bookworm-slim AS \w+$/);
    expect(new Set(stages.map((s) => s.from.split(' ')[1])).size).toBe(1);
    const final = stages.at(-1)!;
    expect(final.lines).toContain('USER node');
    const modulesFrom = /--from=(\w+)/.exec(final.lines.find((l) => l.startsWith('COPY --from=') && l.includes('node_modules'))!)![1];
    const depsStage = stages.find((s) => s.from.endsWith(` AS ${modulesFrom}`));
    expect(depsStage?.lines.some((l) => /npm ci --omit=dev/.test(l))).toBe(true);
    expect(final.lines.some((l) => /npm (ci|install)(?!.*--omit=dev)/.test(l))).toBe(false);
    expect(final.lines.filter((l) => l.startsWith('COPY --from=build')).join(' ')).not.toMatch(/emulator|\/app\/dist /); // the gateway image ships no emulator
    // GraphiQL's bundle is built from graphiql/ in the build stage and carried over (GRAPHIQL=true serves it)
    const build = stages.find((s) => s.from.endsWith(' AS build'))!;
    expect(build.lines).toContain('COPY graphiql ./graphiql');
    expect(build.lines.some((l) => /^RUN npm run build( |$)/.test(l))).toBe(true);
    expect(final.lines.some((l) => /^COPY --from=build .*\/app\/dist\/graphiql \.\/dist\/graphiql$/.test(l))).toBe(true);
  });

  it('carries what GraphiQL\'s tabs read at run time: examples/operations', () => {
    expect(read('src/plugins/graphiql-tabs.ts')).toMatch(/path\.join\(PACKAGE_ROOT, 'examples\/operations'\)/);
    expect(stages.at(-1)!.lines).toContain('COPY --chown=node:node examples/operations ./examples/operations');
  });

  it('gives the emulator only what it imports: its files, the gateway files it loads, and node_modules only if it loads a package', () => {
    const { files, packages } = closure('emulator/main.ts');
    const copied = stage('emulator').lines.filter((l) => l.startsWith('COPY '));
    if (packages.length === 0) expect(copied.some((l) => l.includes('node_modules'))).toBe(false);
    else expect(copied.some((l) => /--from=deps .*node_modules/.test(l))).toBe(true);
    // every gateway file it loads is copied, compiled, and no more of src/ than that
    const fromSrc = files.filter((f) => f.startsWith('src/')).map((f) => `/app/dist/${f.replace(/\.ts$/, '.js')}`);
    const copiedSrc = copied.filter((l) => l.includes('/app/dist/src')).map((l) => l.split(/\s+/).at(-2));
    expect(copiedSrc.sort()).toEqual(fromSrc.sort());
    expect(copied.some((l) => /\/app\/dist\/emulator \.\/dist\/emulator$/.test(l))).toBe(true);
  });

  it('copies only what exists, exposes the port it listens on, and checks /health', () => {
    for (const line of stages.flatMap((s) => s.lines).filter((l) => /^COPY (?!--from)/.test(l))) {
      const sources = line.replace(/^COPY (--\S+ )*/, '').split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(new URL(`../../${source}`, import.meta.url)), source).toBe(true);
    }
    const final = stages.at(-1)!;
    const port = /PORT=(\d+)/.exec(final.lines.join(' '))?.[1];
    expect(final.lines).toContain(`EXPOSE ${port}`);
    expect(final.lines.join(' ')).toMatch(/HEALTHCHECK .*\/health/);
    const cmd = JSON.parse(final.lines.find((l) => l.startsWith('CMD '))!.slice(4)) as string[];
    expect(cmd).toEqual(compose.services.gateway.command);
    expect(existsSync(new URL(`../../${sourceOf(cmd[1]!)}`, import.meta.url))).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  const { gateway, emulator: emu } = compose.services;

  it('has the gateway and the emulator, each with a command that the build produces and a healthcheck', () => {
    expect(Object.keys(compose.services).filter((name) => !compose.services[name].profiles).sort()).toEqual(['emulator', 'gateway']);
    expect(gateway.build).toBe('.'); // the default stage: the gateway alone
    expect(emu.build).toEqual({ context: '.', target: 'emulator' });
    expect(stages.some((s) => s.from.endsWith(' AS emulator'))).toBe(true);
    for (const service of [gateway, emu]) {
      expect(service.healthcheck.test[0]).toBe('CMD');
      expect(existsSync(new URL(`../../${sourceOf(service.command[1])}`, import.meta.url))).toBe(true);
    }
    expect(gateway.healthcheck.test.join(' ')).toMatch(/\/ready/);
    expect(emu.healthcheck.test.join(' ')).toContain(`:${emu.environment.EMULATOR_PORT}/__emulator/`);
  });

  it('makes the gateway wait for a healthy emulator and point at it', () => {
    expect(gateway.depends_on).toEqual({ emulator: { condition: 'service_healthy' } });
    expect(gateway.environment.ARIZE_API_URL).toBe(`http://emulator:${emu.environment.EMULATOR_PORT}`);
    expect(emu.environment.EMULATOR_API_KEYS.split(',')).toContain(gateway.environment.ARIZE_API_KEY);
    expect(emu.environment.EMULATOR_HOST).toBe('0.0.0.0');
    expect(gateway.environment.HOST).toBe('0.0.0.0');
  });

  it('publishes the ports the services listen on', () => {
    expect(gateway.ports).toEqual([`${gateway.environment.PORT}:${gateway.environment.PORT}`]);
    expect(emu.ports).toEqual([`${emu.environment.EMULATOR_PORT}:${emu.environment.EMULATOR_PORT}`]);
  });

  it('sets only variables the code reads, and shows the real-API settings commented', () => {
    for (const name of Object.keys(gateway.environment)) expect(configVariables).toContain(name);
    for (const name of Object.keys(emu.environment)) expect(emulatorVariables).toContain(name);
    expect(read('docker-compose.yml')).toMatch(/#\s*ARIZE_API_URL: https:\/\/api\.arize\.com/);
    expect(read('docker-compose.yml')).toMatch(/#\s*ARIZE_API_KEY: \$\{ARIZE_API_KEY\}/);
  });
});

describe('the cluster profile', () => {
  const cluster = Object.entries(compose.services).filter(([, service]) => service.profiles?.includes('cluster'));
  const replicas = cluster.filter(([name]) => name.startsWith('gateway-'));

  it('pins every image it pulls to a full version', () => {
    const pulled = Object.values(compose.services).filter((service) => !service.build).map((service) => service.image as string);
    expect(pulled.sort()).toEqual([expect.stringMatching(/^nginx:/), expect.stringMatching(/^redis:/)]);
    for (const image of pulled) expect(image).toMatch(/^[a-z0-9/-]+:\d+\.\d+\.\d+$/);
  });

  it('starts the load balancer once every replica is healthy, and checks its own health through it', () => {
    const { lb } = compose.services;
    expect(lb.depends_on).toEqual(Object.fromEntries(replicas.map(([name]) => [name, { condition: 'service_healthy' }])));
    for (const [, replica] of replicas) expect(replica.healthcheck.test.join(' ')).toMatch(/\/ready/);
    expect(lb.healthcheck.test[0]).toBe('CMD');
    expect(lb.healthcheck.test.join(' ')).toMatch(new RegExp(`/dev/tcp/127\\.0\\.0\\.1/${lb.ports[0].split(':')[1]}.*GET /health`));
  });

  it('runs Redis, three gateway replicas on it and a load balancer', () => {
    expect(cluster.map(([name]) => name).sort()).toEqual(['gateway-1', 'gateway-2', 'gateway-3', 'lb', 'redis']);
    for (const [, replica] of replicas) {
      expect(replica.command).toEqual(compose.services.gateway.command);
      expect(replica.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(replica.depends_on).toMatchObject({ redis: { condition: 'service_healthy' }, emulator: { condition: 'service_healthy' } });
      for (const name of Object.keys(replica.environment)) expect(configVariables).toContain(name);
    }
  });

  it('balances WebSockets and Server-Sent Events over the replicas', () => {
    const nginx = read('deploy/nginx.conf');
    for (const [name] of replicas) expect(nginx).toContain(`server ${name}:4000;`);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(compose.services.lb.volumes[0]).toBe('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(compose.services.lb.ports).toEqual(['8080:8080']);
  });

  it('gives every gateway longer to stop than its SHUTDOWN_GRACE_MS, so a drain is not cut short', () => {
    const seconds = (text: string) => Number(/^(\d+)s$/.exec(String(text))?.[1] ?? NaN);
    for (const [name, service] of [['gateway', compose.services.gateway], ...replicas] as Array<[string, any]>) {
      const graceMs = Number(service.environment.SHUTDOWN_GRACE_MS ?? VARIABLES.SHUTDOWN_GRACE_MS.default);
      expect([name, seconds(service.stop_grace_period) * 1000 > graceMs]).toEqual([name, true]);
    }
  });

  it('says, for running without the emulator, every service whose depends_on names it', () => {
    const header = read('docker-compose.yml').split('\n').filter((line) => line.startsWith('#')).join(' ');
    const dependents = Object.entries(compose.services).filter(([, service]) => service.depends_on?.emulator).map(([name]) => name);
    expect(dependents.sort()).toEqual(['gateway', 'gateway-1', 'gateway-2', 'gateway-3']);
    for (const name of dependents) expect(header).toMatch(new RegExp(`\\b${name}'s|\\b${name},|\\b${name} and`));
  });

  it('passes a client\'s own X-Request-Id on, and makes one only when it sent none', () => {
    const nginx = read('deploy/nginx.conf');
    const map = /map \$http_x_request_id \$(\w+) \{([^}]*)\}/.exec(nginx);
    expect(map).not.toBeNull();
    expect(map![2]).toMatch(/^\s*default\s+\$http_x_request_id;\s*$/m);
    expect(map![2]).toMatch(/^\s*''\s+\$request_id;\s*$/m);
    expect(nginx).toContain(`proxy_set_header X-Request-Id $${map![1]};`);
    expect(nginx).not.toMatch(/proxy_set_header X-Request-Id \$request_id;/);
  });

  it('tells each replica the names it is reached by and trusts nginx\'s X-Forwarded-For', () => {
    expect(read('deploy/nginx.conf')).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    // /metrics (operation names, counts, memory) is not served on the public route
    expect(read('deploy/nginx.conf')).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
    for (const [name, replica] of replicas) {
      expect(replica.environment.PUBLIC_HOSTS.split(',')).toContain(name);
      expect(replica.environment.TRUSTED_PROXIES).toMatch(/\d+\.\d+\.\d+\.\d+\/\d+/);
    }
    expect(compose.services.gateway.environment.PUBLIC_HOSTS).toBeDefined(); // the image runs with NODE_ENV=production and no sign-in
  });
});

describe('the image\'s commands', () => {
  const images = mkdtempSync(path.join(tmpdir(), 'gateway-images-'));
  afterAll(() => rmSync(images, { recursive: true, force: true }));

  it('build with `npm run build` and serve from the images\' own files: the emulator and the gateway in front of it', async () => {
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore', timeout: 400_000 }); // minutes on a loaded 2-core machine
    const emulatorImage = path.join(images, 'emulator');
    const gatewayImage = path.join(images, 'gateway');
    layOut('emulator', emulatorImage);
    layOut('runtime', gatewayImage);
    expect(existsSync(path.join(emulatorImage, 'node_modules'))).toBe(false);
    const children = [];
    try {
      const emuChild = spawn(process.execPath, [compose.services.emulator.command[1]], { cwd: emulatorImage, env: { ...process.env, ...compose.services.emulator.environment, EMULATOR_HOST: '127.0.0.1', EMULATOR_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(emuChild);
      let emuOut = '';
      emuChild.stdout!.on('data', (c) => { emuOut += String(c); });
      await until(() => /listening on (http:\S+)/.test(emuOut), 15_000, 'the emulator');
      const emuUrl = /listening on (http:\S+)/.exec(emuOut)![1]!;
      expect((await fetch(`${emuUrl}/__emulator/config`)).ok).toBe(true);

      const gwChild = spawn(process.execPath, [compose.services.gateway.command[1]], {
        cwd: gatewayImage,
        env: { ...process.env, ...compose.services.gateway.environment, ARIZE_API_URL: emuUrl, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production', GRAPHIQL: 'true' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(gwChild);
      let gwOut = '';
      gwChild.stdout!.on('data', (c) => { gwOut += String(c); });
      await until(() => /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/.test(gwOut), 15_000, 'the gateway');
      const port = /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/.exec(gwOut)![1];
      expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
      const result = await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ tasks(first: 1) { nodes { name } } }' }) })).json();
      expect(result.data.tasks.nodes).toHaveLength(1);
      // GraphiQL, switched on, serves the bundle `npm run build` wrote to dist/graphiql
      const page = await (await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } })).text();
      const script = /src="\/graphql\/assets\/(graphiql-[0-9A-Z]{8}\.js)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      const served = await fetch(`http://127.0.0.1:${port}/graphql/assets/${script}`);
      expect(served.status).toBe(200);
      expect(await served.text()).toBe(read(`dist/graphiql/${script}`));
      // the welcome tab, then one tab per example operation the image carries
      const tabs = (JSON.parse(/<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(page)![1]!) as { tabs: Array<{ query: string }> }).tabs;
      const operations = readdirSync(path.join(root, 'examples/operations')).filter((f) => f.endsWith('.graphql'));
      expect(tabs).toHaveLength(1 + operations.length);
      expect(tabs.some((t) => t.query.includes('subscription WatchRun'))).toBe(true);
      // the load balancer's healthcheck command, pointed at this gateway, passes; at a closed port it fails
      const lbCheck = (to: string) => spawnSync(compose.services.lb.healthcheck.test[1], [compose.services.lb.healthcheck.test[2], compose.services.lb.healthcheck.test[3].replace('/8080', `/${to}`)], { timeout: 10_000 }).status;
      expect(lbCheck(port!)).toBe(0);
      const exited = new Promise((resolve) => gwChild.once('exit', resolve));
      gwChild.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lbCheck(port!)).not.toBe(0);
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  }, 480_000);

  it('the compiled gateway imports no bundler, and without dist/graphiql says which command builds it', async () => {
    if (!existsSync(new URL('../../dist/src/main.js', import.meta.url))) execFileSync('npm', ['run', 'build:gateway'], { stdio: 'ignore', timeout: 120_000 });
    const compiled = readdirSync(new URL('../../dist/src/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    // no module named in a string (an import, a dynamic import, a URL to one) is a bundler or the bundle's build
    for (const file of compiled) expect(read(`dist/src/${file}`), file).not.toMatch(/['"][^'"\n]*\b(esbuild|vite|graphiql\/build)\b[^'"\n]*['"]/);
    // the compiled gateway in a folder of its own, without dist/graphiql
    const root = mkdtempSync(path.join(tmpdir(), 'gateway-no-graphiql-'));
    const emu = await emulator();
    let child: ChildProcess | undefined;
    try {
      cpSync(new URL('../../dist/src', import.meta.url), path.join(root, 'dist/src'), { recursive: true });
      cpSync(new URL('../../package.json', import.meta.url), path.join(root, 'package.json'));
      symlinkSync(new URL('../../node_modules', import.meta.url).pathname, path.join(root, 'node_modules'));
      child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
        env: { ...process.env, ARIZE_API_URL: emu.url, ARIZE_API_KEY: emu.apiKey, HOST: '127.0.0.1', PORT: '0', GRAPHIQL: 'true', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (c) => { out += String(c); });
      child.stderr!.on('data', (c) => { out += String(c); });
      await until(() => /npm run build:graphiql/.test(out), 15_000, 'the gateway to say GraphiQL is not built');
      const port = /Arize tasks gateway: http:\/\/localhost:(\d+)\/graphql/.exec(out)![1];
      const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/^GraphiQL is not built \(dist\/graphiql\/manifest\.json is missing\): run `npm run build:graphiql`/);
      const result = await (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) })).json();
      expect(result).toEqual({ data: { __typename: 'Query' } }); // the API itself is not held up
    } finally {
      child?.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('pass the smoke run CI makes under Node 24 (scripts/smoke.mjs: query, trigger, runStatus to COMPLETED, clean stop), here under this Node', () => {
    const result = spawnSync(process.execPath, ['scripts/smoke.mjs'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/runStatus over WebSocket: [A-Z >-]* -> COMPLETED\n/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('smoke: ok');
  }, 150_000);
});
