import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has a default for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', arizeApiUrl: undefined, arizeApiKey: undefined, logLevel: 'info', graphiql: true, introspection: true, corsOrigins: [] });
    expect(config.runs).toEqual({ pollIntervalMs: 2000, outageBudgetMs: 300000 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns GraphiQL and introspection off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' })).toMatchObject({ graphiql: true, introspection: false });
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be an integer from 0 to 65535/],
    ['ARIZE_API_URL', 'api.arize.com', /ARIZE_API_URL must be an http\(s\) URL/],
    ['ARIZE_API_URL', 'ftp://api.arize.com', /ARIZE_API_URL must be an http\(s\) URL/],
    ['ARIZE_API_URL', 'https://user:pw@api.arize.com', /must not carry credentials/],
    ['ARIZE_API_KEY', 'two words', /ARIZE_API_KEY must not contain white space/],
    ['RUN_POLL_INTERVAL_MS', '5', /RUN_POLL_INTERVAL_MS must be an integer >= 10/],
    ['RUN_OUTAGE_BUDGET_MS', '-1', /RUN_OUTAGE_BUDGET_MS must be an integer >= 1/],
    ['UPSTREAM_CONNECT_TIMEOUT_MS', '0', /UPSTREAM_CONNECT_TIMEOUT_MS must be an integer >= 1/],
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
    ['WS_KEEPALIVE_MS', '1', /WS_KEEPALIVE_MS must be an integer >= 100/],
    ['SHUTDOWN_GRACE_MS', 'soon', /SHUTDOWN_GRACE_MS/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('stops `npm start` with one clear line and a non-zero exit on a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be an integer from 0 to 65535 (got "eighty")');
  });
});
