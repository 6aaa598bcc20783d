import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_TABLES, generatedSpan, generatedText } from '../../scripts/docs-config.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { defaultText, type Table } from '../../src/config/table.ts';
import { VARIABLES } from '../../src/config/variables.ts';

/** The error `loadConfig(env)` throws. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('has a default for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', arizeApiUrl: undefined, arizeApiKey: undefined, logLevel: 'info', graphiql: true, introspection: true, corsOrigins: [] });
    expect(config.runs).toEqual({ pollIntervalMs: 2000, outageBudgetMs: 300000 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes an ARIZE_API_URL with a path prefix (a proxy in front of Arize) as it is', () => {
    expect(loadConfig({ ARIZE_API_URL: 'https://proxy.example.com/arize' }).arizeApiUrl).toBe('https://proxy.example.com/arize');
    expect(loadConfig({ ARIZE_API_URL: 'https://proxy.example.com/v2-gateway/' }).arizeApiUrl).toBe('https://proxy.example.com/v2-gateway/');
  });

  it('turns GraphiQL and introspection off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_HOSTS: 'tasks.example.com' })).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_HOSTS: 'tasks.example.com', GRAPHIQL: 'true' })).toMatchObject({ graphiql: true, introspection: false });
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
    ['ARIZE_API_URL', 'api.arize.com', /ARIZE_API_URL must be an http\(s\) URL/],
    ['ARIZE_API_URL', 'ftp://api.arize.com', /ARIZE_API_URL must be an http\(s\) URL/],
    ['ARIZE_API_URL', 'https://user:pw@api.arize.com', /must not carry credentials/],
    ['ARIZE_API_URL', 'https://api.arize.com/v2', /^ARIZE_API_URL is the base URL, without \/v2 \(the gateway adds it\)/],
    ['ARIZE_API_URL', 'https://proxy.example.com/arize/V2/', /ARIZE_API_URL is the base URL, without \/v2/],
    ['ARIZE_API_KEY', 'two words', /ARIZE_API_KEY must not contain white space/],
    ['RUN_POLL_INTERVAL_MS', '5', /RUN_POLL_INTERVAL_MS must be an integer from 10 to 3600000/],
    ['RUN_OUTAGE_BUDGET_MS', '-1', /RUN_OUTAGE_BUDGET_MS must be an integer from 1 to 2147483647/],
    ['UPSTREAM_CONNECT_TIMEOUT_MS', '0', /UPSTREAM_CONNECT_TIMEOUT_MS must be an integer from 1 to 2147483647/],
    ['UPSTREAM_RESPONSE_TIMEOUT_MS', '1.5', /UPSTREAM_RESPONSE_TIMEOUT_MS must be an integer/],
    ['UPSTREAM_RETRY_LIMIT', '11', /UPSTREAM_RETRY_LIMIT must be an integer from 0 to 10/],
    ['UPSTREAM_RETRY_BASE_MS', 'x', /UPSTREAM_RETRY_BASE_MS/],
    ['UPSTREAM_MAX_RETRY_AFTER_SECONDS', '9999', /UPSTREAM_MAX_RETRY_AFTER_SECONDS must be an integer from 0 to 3600/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['CORS_ORIGINS', 'app.example.com', /CORS_ORIGINS must be a comma-separated list of origins/],
    ['CORS_ORIGINS', 'https://app.example.com/path', /CORS_ORIGINS/],
    ['GRAPHIQL', 'maybe', /GRAPHIQL must be true or false/],
    ['INTROSPECTION', '2', /INTROSPECTION must be true or false/],
    ['MAX_QUERY_DEPTH', '0', /MAX_QUERY_DEPTH must be an integer >= 1/],
    ['MAX_QUERY_ALIASES', 'many', /MAX_QUERY_ALIASES/],
    ['MAX_QUERY_TOKENS', '5', /MAX_QUERY_TOKENS must be an integer >= 10/],
    ['MAX_QUERY_COST', '0', /MAX_QUERY_COST/],
    ['MAX_BODY_BYTES', '10', /MAX_BODY_BYTES must be an integer >= 256/],
    ['MAX_BATCH_OPERATIONS', '500', /MAX_BATCH_OPERATIONS must be an integer from 0 to 100/],
    ['WS_MAX_CONNECTIONS_PER_CLIENT', '0', /WS_MAX_CONNECTIONS_PER_CLIENT/],
    ['WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', '-3', /WS_MAX_SUBSCRIPTIONS_PER_CONNECTION/],
    ['WS_KEEPALIVE_MS', '1', /WS_KEEPALIVE_MS must be an integer from 100 to 3600000/],
    ['SHUTDOWN_GRACE_MS', 'soon', /SHUTDOWN_GRACE_MS/],
    ['RUN_OUTAGE_BUDGET_MS', '3000000000', /RUN_OUTAGE_BUDGET_MS must be an integer from 1 to 2147483647/],
    ['SSE_MAX_STREAMS_PER_CLIENT', '0', /SSE_MAX_STREAMS_PER_CLIENT/],
    ['ALLOW_ANONYMOUS', 'perhaps', /ALLOW_ANONYMOUS must be true or false/],
    ['AUTH_JWT_SECRET', 'short', /AUTH_JWT_SECRET must be at least 32 characters/],
    ['AUTH_JWKS_URL', 'not a url', /AUTH_JWKS_URL must be an http\(s\) URL/],
    ['AUTH_JWT_ISSUER', 'https://issuer.example', /need AUTH_JWKS_URL or AUTH_JWT_SECRET/],
    ['MUTATION_REPLAY_SECONDS', '-1', /MUTATION_REPLAY_SECONDS/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'redis://', /REDIS_URL must be/],
    ['PUBLIC_HOSTS', 'https://tasks.example.com', /PUBLIC_HOSTS must be a comma-separated list of host names/],
    ['PUBLIC_HOSTS', 'tasks.example.com:99999', /PUBLIC_HOSTS/],
    ['PUBLIC_HOSTS', '*', /PUBLIC_HOSTS/],
    ['TRUSTED_PROXIES', '10.0.0.0/33', /TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDRs/],
    ['TRUSTED_PROXIES', 'nginx', /TRUSTED_PROXIES/],
    ['HTTP_REQUEST_TIMEOUT_MS', '5', /HTTP_REQUEST_TIMEOUT_MS must be an integer from 100/],
    ['HTTP_HEADERS_TIMEOUT_MS', '60000', /HTTP_HEADERS_TIMEOUT_MS \(60000\) must not be longer than HTTP_REQUEST_TIMEOUT_MS/],
    ['SSE_RESERVATION_TTL_MS', '0', /SSE_RESERVATION_TTL_MS/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    const error = refusal({ [name]: value });
    expect(error.message.startsWith(name)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it.each(['ARIZE_API_URL', 'AUTH_JWKS_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'REDIS_URL'])(
    'checks %s as a URL and never echoes its password',
    (name) => {
      for (const value of ['ftp://user:secret@host.example', 'user:secret@host.example', 'http://user:secret@', 'not a url']) {
        const error = refusal({ [name]: value });
        expect(error.message).toMatch(new RegExp(`^${name} must be an? [\\w:/()]+( or [\\w:/]+)? URL such as `));
        expect(error.message).not.toContain('secret');
      }
    },
  );

  it('reads each variable of its table exactly once, and no other', () => {
    const reads = new Map<string, number>();
    const watched = (env: Record<string, string>) => new Proxy(env, {
      get: (target, name) => {
        if (typeof name === 'string') reads.set(name, (reads.get(name) ?? 0) + 1);
        return Reflect.get(target, name);
      },
    });
    loadConfig(watched({}));
    expect([...reads.keys()].sort()).toEqual(Object.keys(VARIABLES).sort());
    expect([...reads].filter(([, count]) => count !== 1)).toEqual([]);
    reads.clear();
    loadConfig(watched({ REDIS_URL: 'redis://127.0.0.1:6379', AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }));
    expect([...reads].filter(([, count]) => count !== 1)).toEqual([]);
  });

  it('behaves, with a variable unset, as with it set to the default its table and the README show', () => {
    const defaults = Object.entries(VARIABLES as Table).filter(([, variable]) => variable.default !== undefined);
    expect(defaults.length).toBeGreaterThan(30);
    const unset = loadConfig({});
    for (const [name, variable] of defaults) expect(loadConfig({ [name]: variable.default! }), name).toEqual(unset);
  });

  it('refuses a bad value of a variable that is not in use yet (REDIS_LEASE_MS without REDIS_URL)', () => {
    expect(() => loadConfig({ REDIS_LEASE_MS: 'soon' })).toThrow(/^REDIS_LEASE_MS must be an integer from 50 to 3600000 \(got "soon"\)$/);
    expect(() => loadConfig({ AUTH_CLOCK_SKEW_SECONDS: '-1' })).toThrow(/^AUTH_CLOCK_SKEW_SECONDS must be an integer from 0 to 300/);
  });


  it('refuses to start in production with a server key and no end-user authentication, unless ALLOW_ANONYMOUS=true', () => {
    const production = { NODE_ENV: 'production', ARIZE_API_URL: 'https://api.arize.com', ARIZE_API_KEY: 'k', PUBLIC_HOSTS: 'tasks.example.com' };
    expect(() => loadConfig(production)).toThrow(/NODE_ENV=production with ARIZE_API_KEY .* configure end-user authentication .* or set ALLOW_ANONYMOUS=true/);
    expect(loadConfig({ ...production, ALLOW_ANONYMOUS: 'true' }).allowAnonymous).toBe(true);
    const secured = loadConfig({ ...production, AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWT_ISSUER: 'https://issuer.example', AUTH_JWT_AUDIENCE: 'gateway' });
    expect(secured.auth).toMatchObject({ issuer: 'https://issuer.example', audience: ['gateway'], clockSkewSeconds: 30, allowUserApiKeys: false });
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_HOSTS: 'tasks.example.com' }).auth).toBeUndefined(); // no server key: every caller brings their own
    expect(loadConfig({ ARIZE_API_KEY: 'k' }).allowAnonymous).toBe(false); // outside production the embedded default stays
  });

  it('needs issuer and audience with a JWKS or a secret, and not both key sources', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32) })).toThrow(/AUTH_JWT_ISSUER is required/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWT_ISSUER: 'i' })).toThrow(/AUTH_JWT_AUDIENCE is required/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWKS_URL: 'https://i.example/jwks', AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' })).toThrow(/not both/);
  });

  it('reads the Redis run feed settings, with a lease of 1.5 poll intervals by default, and never echoes a password', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RUN_POLL_INTERVAL_MS: '1000' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'arize-tasks-gateway:', leaseMs: 1500 });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RUN_POLL_INTERVAL_MS: '10' }).redis?.leaseMs).toBe(50); // derived, never under the least a given one may be
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@host' })).toThrow(/\*\*\*@host/);
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@host' })).not.toThrow(/secret/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_LEASE_MS: '5' })).toThrow(/REDIS_LEASE_MS must be an integer from 50/);
  });

  it('reads NODE_ENV in any case', () => {
    expect(loadConfig({ NODE_ENV: 'Production', PUBLIC_HOSTS: 'tasks.example.com' })).toMatchObject({ production: true, graphiql: false, introspection: false });
    expect(() => loadConfig({ NODE_ENV: ' PRODUCTION ', ARIZE_API_KEY: 'k' })).toThrow(/NODE_ENV=production with ARIZE_API_KEY/);
  });

  it('refuses to start in production without PUBLIC_HOSTS unless end-user sign-in is on', () => {
    const signIn = { AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWT_ISSUER: 'https://issuer.example', AUTH_JWT_AUDIENCE: 'gateway' };
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/needs PUBLIC_HOSTS/);
    expect(loadConfig({ NODE_ENV: 'production', ...signIn }).publicHosts).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_HOSTS: 'Tasks.Example.com, [::1]:4000' }).publicHosts).toEqual(['tasks.example.com', '[::1]:4000']);
    expect(loadConfig({}).publicHosts).toEqual([]); // outside production, local names only
  });

  it('takes an https JWKS only, in production', () => {
    const jwks = { NODE_ENV: 'production', AUTH_JWT_ISSUER: 'https://issuer.example', AUTH_JWT_AUDIENCE: 'gateway' };
    expect(() => loadConfig({ ...jwks, AUTH_JWKS_URL: 'http://issuer.example/jwks' })).toThrow(/AUTH_JWKS_URL must be an https URL in production/);
    expect(loadConfig({ ...jwks, AUTH_JWKS_URL: 'https://issuer.example/jwks' }).auth?.jwksUrl).toBe('https://issuer.example/jwks');
    expect(loadConfig({ ...jwks, NODE_ENV: 'development', AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks' }).auth?.jwksUrl).toBe('http://127.0.0.1:9/jwks');
  });

  it('refuses CORS_ORIGINS=* with a server key lent without sign-in, in production', () => {
    const lent = { NODE_ENV: 'production', ARIZE_API_KEY: 'k', ALLOW_ANONYMOUS: 'true', PUBLIC_HOSTS: 'tasks.example.com' };
    expect(() => loadConfig({ ...lent, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS=\* with ARIZE_API_KEY/);
    expect(loadConfig({ ...lent, CORS_ORIGINS: 'https://app.example.com' }).corsOrigins).toEqual(['https://app.example.com']);
  });

  it('reads TRUSTED_PROXIES, the HTTP timeouts and the token age, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ trustedProxies: [], http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 } });
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12, fd00::/8' }).trustedProxies).toEqual(['10.0.0.5', '172.16.0.0/12', 'fd00::/8']);
    expect(loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWT_ISSUER: 'i', AUTH_JWT_AUDIENCE: 'a' }).auth?.maxTokenAgeSeconds).toBe(86_400);
  });
});

describe('the README\'s configuration tables', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(CONFIG_TABLES.map((table) => [table.name, table] as const))('list exactly the %s table\'s variables, defaults and meanings', (_, table) => {
    const span = generatedSpan(readme, table);
    expect(span, `README.md lacks the markers of the ${table.name} table`).toBeDefined();
    const rows = readme.slice(span!.start, span!.end).trim().split('\n').slice(2).map((row) => row.split(' | ').map((cell) => cell.replace(/^\| |`| \|$/g, '')));
    expect(rows.map(([name]) => name)).toEqual(Object.keys(table.table));
    expect(rows.map(([, shown]) => shown)).toEqual(Object.values(table.table).map((variable) => defaultText(variable).replaceAll('`', '')));
    expect(readme.slice(span!.start, span!.end), 'run `npm run docs:config`').toBe(generatedText(table));
  });
});

