/**
 * Relay 21 (relay-runtime) in its usual setup: a network layer of `fetch`
 * for queries and graphql-ws for subscriptions, artifacts from
 * relay-compiler (`relay.config.json`, sources in `test/clients/relay/`).
 * The committed artifacts must be what the compiler makes today.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Environment, Network, Observable, RecordSource, Store, fetchQuery, requestSubscription, type GraphQLResponse, type RequestParameters, type Variables } from 'relay-runtime';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import tasksQuery, { type operationsTasksQuery } from './relay/__generated__/operationsTasksQuery.graphql.ts';
import nodeQuery, { type operationsNodeQuery } from './relay/__generated__/operationsNodeQuery.graphql.ts';
import runStatusSubscription, { type operationsRunStatusSubscription } from './relay/__generated__/operationsRunStatusSubscription.graphql.ts';
import { emulator, gateway } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const emu = await emulator({ runs: { pendingMs: 40, runningMs: 160, failureRate: 0, progressSteps: 4 } });
const gw = await gateway({ emu });
const authorization = `Bearer ${emu.apiKey}`;
const ws = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });

const environment = new Environment({
  network: Network.create(
    (params: RequestParameters, variables: Variables) => fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: params.text, variables }),
    }).then((response) => response.json() as Promise<GraphQLResponse>),
    (params: RequestParameters, variables: Variables) => Observable.create<GraphQLResponse>((sink) =>
      ws.subscribe({ query: params.text ?? '', variables }, sink as never)),
  ),
  store: new Store(new RecordSource()),
});

describe('Relay 21', () => {
  it('pages tasks through a connection and refetches one through node(id:)', async () => {
    const page = await fetchQuery<operationsTasksQuery>(environment, tasksQuery, { first: 2 }).toPromise();
    expect(page!.tasks.edges).toHaveLength(2);
    expect(page!.tasks.pageInfo.hasNextPage).toBe(true);
    const first = page!.tasks.edges[0]!.node;
    const byNode = await fetchQuery<operationsNodeQuery>(environment, nodeQuery, { id: first.id }).toPromise();
    expect(byNode!.node).toMatchObject({ __typename: 'Task', id: first.id, name: first.name });
  });

  it('follows runStatus to the end with requestSubscription', async () => {
    const task = seeded(emu).projectTask.id;
    const { data } = await gw.gql('mutation($t: String!, $s: DateTime) { triggerTaskRun(input: { task: $t, dataStartTime: $s }) { run { id } } }',
      { t: task, s: new Date(Date.now() - 3_600_000).toISOString() });
    const statuses: string[] = [];
    await new Promise<void>((resolve, reject) => {
      requestSubscription<operationsRunStatusSubscription>(environment, {
        subscription: runStatusSubscription,
        variables: { runId: data.triggerTaskRun.run.id },
        onNext: (response) => { if (response) statuses.push(response.runStatus.status); },
        onError: reject,
        onCompleted: resolve,
      });
    });
    expect(statuses.at(-1)).toBe('COMPLETED');
    await ws.dispose();
  });

  it('has current artifacts: relay-compiler --validate passes', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(() => execFileSync(path.join(root, 'node_modules/.bin/relay-compiler'), ['--validate'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
