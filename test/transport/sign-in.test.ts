/**
 * Sign-in and keys, the low findings: tokens from the future, tokens that
 * live for a century, subjects that are not strings, an oversized JWKS; a
 * caller's own key in `x-arize-api-key` honoured (or refused) and never
 * silently ignored; audit lines that say which key acted; a warning for
 * `CORS_ORIGINS=*` with a lent key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { keyHashOf } from '../../src/upstream/key-hash.ts';
import { emulator, gateway, type Gateway } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const issuer = 'https://login.test/';
const audience = 'arize-tasks-gateway';
const now = () => Math.floor(Date.now() / 1000);
const audits = (gw: Gateway) => gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.audit);

/** A JWKS server for one RS256 key; `padding` bytes of extra (useless) keys make the body as large as wanted. */
async function jwksServer(padding = 0) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const filler = padding > 0 ? [{ kty: 'oct', kid: 'filler', k: 'A'.repeat(padding) }] : [];
  const body = JSON.stringify({ keys: [jwk, ...filler] });
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  const sign = (claims: Record<string, unknown>, set: (jwt: SignJWT) => SignJWT = (jwt) => jwt.setIssuedAt().setExpirationTime('5m').setSubject('ada')) =>
    set(new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience(audience)).sign(privateKey);
  return { url, sign, close: () => server.close() };
}

describe('tokens', async () => {
  const jwks = await jwksServer();
  const emu = await emulator({ apiKeys: ['server-key', 'own-key'] });
  const gw = await gateway({
    emu, env: {
      ARIZE_API_KEY: 'server-key', AUTH_JWKS_URL: jwks.url, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience,
      AUTH_CLOCK_SKEW_SECONDS: '30', AUTH_MAX_TOKEN_AGE_SECONDS: '3600', AUTH_ALLOW_USER_API_KEYS: 'true',
    },
  });
  const ask = async (token: string) => gw.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: token });

  it('accepts a fresh token', async () => {
    expect((await ask(await jwks.sign({}))).errors).toBeUndefined();
  });

  it.each([
    ['issued 6,000 s in the future', (jwt: SignJWT) => jwt.setIssuedAt(now() + 6000).setExpirationTime(now() + 6300).setSubject('ada'), /issued in the future/],
    ['with exp 100 years out', (jwt: SignJWT) => jwt.setIssuedAt().setExpirationTime(now() + 100 * 365 * 86400).setSubject('ada'), /lives longer/],
    ['older than AUTH_MAX_TOKEN_AGE_SECONDS', (jwt: SignJWT) => jwt.setIssuedAt(now() - 7200).setExpirationTime(now() + 300).setSubject('ada'), /older than this gateway accepts/],
    ['with no iat', (jwt: SignJWT) => jwt.setExpirationTime(now() + 300).setSubject('ada'), /iat/],
  ])('refuses a token %s with 401', async (_what, set, message) => {
    const result = await ask(await jwks.sign({}, set));
    expect(result.status).toBe(401);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(message) });
  });

  it('refuses a token whose sub is not a string', async () => {
    const result = await ask(await jwks.sign({ sub: 12345 }, (jwt) => jwt.setIssuedAt().setExpirationTime('5m')));
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.message).toMatch(/`sub`/);
  });

  it('says in each audit line which key acted: the server\'s for a signed-in user, or the user\'s own', async () => {
    const token = await jwks.sign({});
    const task = seeded(emu).firstTask;
    const update = (headers: Record<string, string>) => gw.gql(`mutation { updateTask(input: { task: "${task.id}", samplingRate: 0.3 }) { task { id } } }`, undefined, { key: token, headers });
    expect((await update({})).errors).toBeUndefined();
    expect((await update({ 'x-arize-api-key': 'own-key' })).errors).toBeUndefined();
    expect(audits(gw).slice(-2).map((l) => [l.who, l.key, l.keyHash])).toEqual([
      ['user:ada', 'server', keyHashOf('server-key')],
      ['user:ada', 'own', keyHashOf('own-key')],
    ]);
    expect(gw.log.text()).not.toMatch(/server-key|own-key/);
  });
});

describe('the JWKS', async () => {
  const jwks = await jwksServer(400 * 1024);
  const gw = await gateway({ serverKey: true, env: { AUTH_JWKS_URL: jwks.url, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience } });

  it('is refused unread past 256 KB, so a token it would verify is not accepted', async () => {
    const result = await gw.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: await jwks.sign({}) });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.message).toMatch(/keys are unavailable/);
  });
});

describe('refused sign-ins', async () => {
  const jwks = await jwksServer();
  const gw = await gateway({ serverKey: true, env: { AUTH_JWKS_URL: jwks.url, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience } });
  const refusals = () => gw.log.lines.map((l) => JSON.parse(l)).filter((l) => /^sign-in refused/.test(l.msg));
  const counted = async () => (await (await fetch(`${gw.url}/metrics`)).text()).split('\n').filter((l) => l.startsWith('gateway_sign_in_refusals_total'));

  it('are each logged in one line with the reason, never the token, and counted by reason, on HTTP and WebSocket', async () => {
    const wrongAudience = await jwks.sign({}, (jwt) => jwt.setIssuedAt().setExpirationTime('5m').setSubject('ada').setAudience('another-app'));
    expect((await gw.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: null })).status).toBe(401);
    expect((await gw.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: wrongAudience })).status).toBe(401);
    expect((await gw.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: null, headers: { authorization: 'Token <paste-me-secretish>' } })).status).toBe(401);
    const closed = await new Promise<number>((resolve) => {
      const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not.a.jwt' } })));
      ws.once('close', (code) => resolve(code));
    });
    expect(closed).toBe(4401);
    expect(refusals()).toEqual([
      expect.objectContaining({ level: 30, outcome: 'UNAUTHENTICATED', reason: 'missing', detail: expect.stringMatching(/Sign in first/) }),
      expect.objectContaining({ level: 30, reason: 'claims', detail: expect.stringMatching(/claim `aud` does not match/) }),
      expect.objectContaining({ level: 30, reason: 'malformed' }),
      expect.objectContaining({ level: 30, reason: 'invalid', detail: expect.stringMatching(/not a valid JWT/) }),
    ]);
    expect(gw.log.text()).not.toContain(wrongAudience);
    expect(gw.log.text()).not.toContain('paste-me-secretish');
    expect(await counted()).toEqual(expect.arrayContaining([
      'gateway_sign_in_refusals_total{reason="missing"} 1', 'gateway_sign_in_refusals_total{reason="claims"} 1',
      'gateway_sign_in_refusals_total{reason="malformed"} 1', 'gateway_sign_in_refusals_total{reason="invalid"} 1',
    ]));
  });

  it('warns when the issuer\'s keys cannot be fetched: every user is refused until they can', async () => {
    const down = await gateway({ serverKey: true, env: { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks', AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: audience } });
    expect((await down.gql('{ spaces(first: 1) { nodes { id } } }', undefined, { key: await jwks.sign({}) })).status).toBe(401);
    const lines = down.log.lines.map((l) => JSON.parse(l)).filter((l) => /^sign-in refused/.test(l.msg));
    expect(lines).toEqual([expect.objectContaining({ level: 40, reason: 'keys-unavailable', msg: expect.stringMatching(/AUTH_JWKS_URL/) })]);
  });
});

describe('x-arize-api-key without end-user sign-in', async () => {
  const emu = await emulator({ apiKeys: ['server-key', 'own-key'] });
  const gw = await gateway({ emu, env: { ARIZE_API_KEY: 'server-key' } });
  const task = seeded(emu).firstTask;
  const update = (headers: Record<string, string>) => gw.gql(`mutation { updateTask(input: { task: "${task.id}", samplingRate: 0.4 }) { task { id } } }`, undefined, { key: null, headers });

  it('acts with the key it carries, never silently with the server\'s', async () => {
    const refused = await update({ 'x-arize-api-key': 'not-a-key' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED'); // the upstream refused the caller's key: it was used
    expect((await update({ 'x-arize-api-key': 'own-key' })).errors).toBeUndefined();
    expect(audits(gw).at(-1)).toMatchObject({ who: `own-key:${keyHashOf('own-key')}`, key: 'own', keyHash: keyHashOf('own-key') });
  });

  it('refuses two different keys in one request', async () => {
    const result = await update({ authorization: 'Bearer own-key', 'x-arize-api-key': 'server-key' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/Two different keys/) });
  });
});

describe('CORS_ORIGINS=* with a lent key', () => {
  it('is warned about at start', async () => {
    const gw = await gateway({ serverKey: true, env: { CORS_ORIGINS: '*' } });
    expect(gw.log.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 40).map((l) => l.msg).join('\n')).toMatch(/CORS_ORIGINS=\* with ARIZE_API_KEY/);
  });
});
