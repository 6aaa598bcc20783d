/**
 * The task page (`examples/operations/task-detail.graphql`, with `@defer`) as
 * a frontend runs it: Apollo Client 3 with its HttpLink and urql with its
 * fetchExchange, both of which read multipart incremental delivery, against
 * the real gateway and emulator. The emulator holds the project call, so the
 * first result (the task's name) must reach the client while that call is
 * still upstream; the whole page follows once it is released.
 */
import { readFileSync } from 'node:fs';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { Client, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/server.ts';
import { emulator, gateway, until } from '../support/servers.ts';
import { seeded } from '../support/fixtures.ts';

const TASK_PAGE = readFileSync(new URL('../../examples/operations/task-detail.graphql', import.meta.url), 'utf8');
const PROJECTS = /^\/v2\/projects\/[^/]+$/;

const projectTask = (emu: Emulator) => seeded(emu).projectTask;

interface PageData { task?: { name?: string; project?: { id: string; space?: { name: string } | null } | null; runs?: { nodes: unknown[] } } }

/** Runs `start` (which calls `onData` with each result's data) with the project call held; checks what came before and after its release. */
async function firstBeforeProject(emu: Emulator, start: (onData: (data: PageData | undefined) => void) => () => void) {
  const seen: PageData[] = [];
  const held = emu.hold('GET', PROJECTS);
  const stop = start((data) => { if (data) seen.push(structuredClone(data)); });
  try {
    await until(() => seen.some((data) => data.task?.name), 15_000, 'the first result');
    // the task's name is on screen while the project call has not been answered upstream
    expect(emu.count('GET', PROJECTS)).toBe(0);
    expect(seen[0]!.task?.name).toBe(projectTask(emu).name);
    expect(seen[0]!.task?.project).toBeUndefined();
    await until(() => held.waiting === 1, 10_000, 'the deferred project call');
    held.release();
    await until(() => seen.some((data) => data.task?.project?.space?.name), 15_000, 'the whole page');
    const whole = seen.find((data) => data.task?.project?.space?.name)!;
    expect(whole.task).toMatchObject({ name: projectTask(emu).name, project: { id: projectTask(emu).project_id }, runs: { nodes: expect.any(Array) } });
  } finally {
    held.release();
    stop();
  }
}

describe('@defer on the task page from real clients', () => {
  it('Apollo Client 3 (HttpLink, multipart): the task name first, then project, runs and space', async () => {
    const gw = await gateway({ emu: await emulator() });
    const accepts: string[] = [];
    const apollo = new ApolloClient({
      cache: new InMemoryCache(),
      link: new HttpLink({
        uri: `${gw.url}/graphql`,
        headers: { authorization: `Bearer ${gw.emu.apiKey}` },
        fetch: (input, init) => {
          accepts.push(String(new Headers(init?.headers).get('accept')));
          return fetch(input, init);
        },
      }),
    });
    await firstBeforeProject(gw.emu, (onData) => {
      const subscription = apollo.watchQuery({ query: gql(TASK_PAGE), variables: { task: projectTask(gw.emu).id, runsFirst: 2 }, fetchPolicy: 'network-only' })
        .subscribe({ next: (result) => onData(result.data as PageData) });
      return () => subscription.unsubscribe();
    });
    expect(accepts[0]).toMatch(/multipart\/mixed/);
    apollo.stop();
  });

  it('urql (fetchExchange, incremental delivery): the task name first, then project, runs and space', async () => {
    const gw = await gateway({ emu: await emulator() });
    const urql = new Client({ url: `${gw.url}/graphql`, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${gw.emu.apiKey}` } } });
    await firstBeforeProject(gw.emu, (onData) => {
      const { unsubscribe } = urql.query(parse(TASK_PAGE), { task: projectTask(gw.emu).id, runsFirst: 2 }, { requestPolicy: 'network-only' })
        .subscribe((result) => {
          expect(result.error).toBeUndefined();
          onData(result.data as PageData);
        });
      return unsubscribe;
    });
  });
});
