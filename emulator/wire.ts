/** The emulator's HTTP answers: JSON or problem+json, as Arize sends them. */
import type http from 'node:http';
import { titleFor, typeFor } from './problems.ts';

/** A problem+json body. */
export function problem(status: number, detail: string, instance: string) {
  return { type: typeFor(status), title: titleFor(status), status, detail, instance };
}

/** `raw` parsed as JSON, or undefined. */
export function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Writes `body` as JSON (problem+json for errors), or an empty answer. */
export function write(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers }).end(JSON.stringify(body));
}
