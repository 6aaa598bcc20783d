/**
 * OpenTelemetry: spans collected with an in-memory exporter, and OTLP export
 * to a stand-in collector when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { collect, emulator, gateway, until } from '../support/servers.ts';
import { seeded, pendingRun } from '../support/fixtures.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('traces', async () => {
  const emu = await emulator();
  const exporter = new InMemorySpanExporter();
  const gw = await gateway({ emu, spanExporter: exporter });
  const task = seeded(emu).firstTask;
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it('continue an incoming traceparent: operation -> resolver -> upstream call -> the traceparent Arize receives', async () => {
    exporter.reset();
    emu.clearLog();
    const result = await gw.gql('query TaskName($t: String!) { task(task: $t) { id name } }', { t: task.id }, {
      headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    });
    expect(result.data.task.name).toBe(task.name);
    await until(() => exporter.getFinishedSpans().some((s) => s.name === 'query TaskName'), 10_000, 'the operation span');
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'query TaskName')!;
    const resolver = spans.find((s) => s.name === 'resolve Query.task')!;
    const upstream = spans.find((s) => s.name === 'GET /v2/tasks/{id}')!;
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation)).toBe(CALLER_SPAN);
    expect(parentOf(resolver)).toBe(operation.spanContext().spanId);
    expect(parentOf(upstream)).toBe(resolver.spanContext().spanId);
    expect(upstream.attributes).toMatchObject({ 'http.request.method': 'GET', 'url.template': '/v2/tasks/{id}', 'http.response.status_code': 200, 'arize.operation': 'getTask' });
    const sent = emu.requests.find((r) => r.path === `/v2/tasks/${task.id}`)!;
    expect(sent.traceparent).toBe(`00-${TRACE_ID}-${upstream.spanContext().spanId}-01`);
    // never the key, in any span
    expect(JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes })))).not.toContain(emu.apiKey);
  });

  it('start a new trace without a traceparent, and mark failed operations with their codes', async () => {
    exporter.reset();
    await gw.gql('{ task(task: "VGFzazo5OTk5OTk6bm9uZQ==") { id } }');
    await until(() => exporter.getFinishedSpans().some((s) => s.name === 'query'), 10_000, 'the operation span');
    const operation = exporter.getFinishedSpans().find((s) => s.name === 'query')!;
    expect(parentOf(operation)).toBeUndefined();
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
    expect(operation.status.code).toBe(2);
  });

  it('end a subscription\'s span when it ends: the run ends, or the client leaves', async () => {
    exporter.reset();
    const watch = (name: string, runId: string) => collect(gw.ws(), `subscription ${name}($id: ID!) { runStatus(runId: $id) { status } }`, { id: runId });
    const trigger = await gw.gql('mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
      { t: task.id, s: new Date(Date.now() - 3_600_000).toISOString() });
    await watch('Finished', trigger.data.triggerTaskRun.run.id).done;
    const left = watch('Left', pendingRun(emu, task.id, 600_000).id);
    await until(() => left.results.length > 0, 5000, 'the first event');
    expect(exporter.getFinishedSpans().some((s) => s.name === 'subscription Left')).toBe(false);
    left.cancel();
    await until(() => ['subscription Finished', 'subscription Left'].every((name) => exporter.getFinishedSpans().some((s) => s.name === name)), 5000, 'both spans');
    expect(exporter.getFinishedSpans().filter((s) => s.name.startsWith('subscription '))).toHaveLength(2);
  });
});

describe('OTLP export', () => {
  it('sends spans to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces, and nothing when it is unset', async () => {
    const received: Array<{ path: string; type: string | undefined; bytes: number }> = [];
    const collector = http.createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      req.on('end', () => { received.push({ path: req.url ?? '', type: req.headers['content-type'], bytes }); res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    try {
      const off = await gateway();
      await off.gql('{ tasks(first: 1) { nodes { id } } }');
      await off.stop();
      const on = await gateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
      await on.gql('{ tasks(first: 1) { nodes { id } } }');
      await on.stop(); // flushes the batch
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatchObject({ path: '/v1/traces', type: expect.stringMatching(/json|protobuf/) });
      expect(received[0]!.bytes).toBeGreaterThan(100);
    } finally {
      collector.close();
    }
  });
});
