/**
 * GraphiQL over HTTP: the page and the bundle `npm run build:graphiql` wrote
 * to dist/graphiql (`pretest` builds it), served by hashed name,
 * precompressed and immutable, with the page's security headers on the page
 * and on every asset; the schema travels in the page.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoData } from '../../emulator/demo-data.ts';
import { emulator, gateway } from '../support/servers.ts';

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** One request on a raw socket, so the test sees the bytes on the wire (fetch would decompress them). */
function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const dist = (name: string) => readFileSync(new URL(`../../dist/graphiql/${name}`, import.meta.url));

/** The policy as directive -> sources. */
const directives = (csp: string | undefined) => new Map((csp ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources.sort()]));

/** The page's security headers: a policy that allows only the gateway's own assets, no framing, no sniffing. */
function expectSecurityHeaders(headers: http.IncomingHttpHeaders): void {
  const policy = directives(headers['content-security-policy'] as string | undefined);
  expect(policy.get('default-src')).toEqual(["'none'"]);
  for (const name of ['script-src', 'connect-src', 'worker-src', 'font-src']) expect(policy.get(name), name).toEqual(["'self'"]);
  // Monaco writes <style> elements for its editors; scripts stay 'self' alone (no inline, no eval)
  expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
}

/** The page's markup and its `#graphiql-config`. */
async function pageOf(url: string): Promise<{ html: string; headers: http.IncomingHttpHeaders; config: Record<string, any> }> {
  const page = await raw(`${url}/graphql`, { accept: 'text/html' });
  expect(page.status, page.body.toString()).toBe(200); // 503 "GraphiQL is not built": npm test builds it first (npm run build:graphiql)
  const html = page.body.toString();
  const config = JSON.parse(/<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html)![1]!);
  return { html, headers: page.headers, config };
}

describe('GraphiQL over HTTP', async () => {
  const gw = await gateway({ serverKey: true });

  it('serves the page with a Content-Security-Policy that allows only its own assets, and may not be framed or sniffed', async () => {
    const { headers } = await pageOf(gw.url);
    expectSecurityHeaders(headers);
    // and so does the revalidated page
    const again = await raw(`${gw.url}/graphql`, { accept: 'text/html', 'if-none-match': String(headers.etag) });
    expect(again.status).toBe(304);
    expectSecurityHeaders(again.headers);
  });

  it('links only hashed assets of the bundle, and serves each precompressed, immutable and with the same headers', async () => {
    const { html, config } = await pageOf(gw.url);
    const linked = [...html.matchAll(/(?:src|href)="(\/graphql\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const workers = Object.values(config.workers as Record<string, string>);
    const manifest = JSON.parse(dist('manifest.json').toString());
    expect(linked.map((url) => url.slice('/graphql/assets/'.length)).sort())
      .toEqual([manifest.script, ...manifest.styles, ...manifest.preload].sort());
    expect(workers).toHaveLength(3); // Monaco's editor, JSON and GraphQL workers
    expect(html).toMatch(/<script type="module" src="\/graphql\/assets\/graphiql-[0-9A-Z]{8}\.js"><\/script>/);
    for (const url of [...linked, ...workers]) {
      const name = url.slice('/graphql/assets/'.length);
      expect(name).toMatch(/-[0-9A-Z]{8}\.(js|css)$/); // esbuild's content hash
      const br = await raw(`${gw.url}${url}`, { 'accept-encoding': 'gzip, br' });
      expect(br.status).toBe(200);
      expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding' });
      expect(br.headers['content-type']).toBe(name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      expect(br.body.equals(dist(`${name}.br`))).toBe(true); // as built: nothing compressed per request
      expectSecurityHeaders(br.headers);
      const gz = await raw(`${gw.url}${url}`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      const plain = await raw(`${gw.url}${url}`);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(dist(name))).toBe(true);
      expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    }
    const missing = await raw(`${gw.url}/graphql/assets/graphiql-AAAAAAAA.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    for (const sneaky of ['manifest.json', '..%2F..%2Fpackage.json', `${manifest.script}.br`]) {
      expect((await raw(`${gw.url}/graphql/assets/${sneaky}`)).status, sneaky).toBe(404);
    }
  });

  it('opens with the welcome, then each example with its note, a blank line and the file as written', async () => {
    const { config } = await pageOf(gw.url);
    const tabs = config.tabs as Array<{ query: string; variables: string }>;
    expect(tabs[0]!.query).toMatch(/^# Arize tasks gateway/);
    const file = readFileSync(new URL('../../examples/operations/trigger-and-watch.graphql', import.meta.url), 'utf8');
    const trigger = tabs.find((tab) => tab.query.endsWith(file))!;
    const note = trigger.query.slice(0, -file.length);
    expect(note).toMatch(/^# Run TriggerRun, then WatchRun[^]*"last-triggered"\.\n\n$/); // the note, then a blank line before the file's own comment
  });

  it('carries the schema, so GraphiQL sends no introspection request', async () => {
    const { config, html } = await pageOf(gw.url);
    expect(config.schema.__schema.types.map((type: { name: string }) => type.name)).toEqual(expect.arrayContaining(['Task', 'TaskRun', 'TaskRunStatus']));
    expect(html.length - JSON.stringify(config.schema).length).toBeLessThan(20_000); // the rest of the page stays small
    const closed = await gateway({ serverKey: true, env: { INTROSPECTION: 'false' } });
    expect((await pageOf(closed.url)).config.schema).toBeUndefined(); // introspection off: the page does not hand the schema out either
  });

  it('under PERSISTED_OPERATIONS=only, holds the manifest\'s documents as written in its tabs, and still the schema', async () => {
    const emu = await emulator();
    const only = await gateway({ emu, serverKey: true, demo: demoData(emu.store), env: { PERSISTED_OPERATIONS: 'only' } });
    const { config } = await pageOf(only.url);
    const manifest = Object.values(JSON.parse(readFileSync(new URL('../../examples/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>);
    const tabs = config.tabs as Array<{ query: string; variables: string }>;
    // every tab is a manifest document as written (a comment-only welcome would not parse), ListTasks first
    expect(tabs.length).toBe(manifest.length);
    for (const tab of tabs) expect(manifest).toContain(tab.query);
    expect(tabs[0]!.query).toMatch(/\bquery ListTasks\b/);
    expect(config.schema.__schema.queryType.name).toBe('Query');
    const listTasks = tabs.find((tab) => /query ListTasks/.test(tab.query))!;
    const result = await only.gql(listTasks.query, JSON.parse(listTasks.variables)); // with the demo data's names filled in
    expect(result.errors).toBeUndefined();
    expect(result.data.tasks.edges.length).toBeGreaterThan(0);
  });
});
