/**
 * The contract tests read the repository's copy of the OpenAPI document
 * (`contract/arize-openapi.yaml`). Where the team's contracts sit beside the
 * checkout (`../shared`, as on CI), the copy must be the same document, so it
 * is kept current; a clone without them runs everything else and skips this
 * one comparison, saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { committedContract } from '../support/openapi.ts';

const SHARED = new URL('../../../shared/arize-tasks-openapi.yaml', import.meta.url);
const sharedPresent = existsSync(SHARED);
if (!sharedPresent) {
  console.log(`note: ${SHARED.pathname} is not beside this checkout; the comparison with contract/arize-openapi.yaml is skipped (the contract tests use the committed copy).`);
}

describe('contract/arize-openapi.yaml', () => {
  it('names its source and the day it was copied, and holds an OpenAPI document', () => {
    const { header, document } = committedContract();
    expect(header).toMatch(/Source: \.\.\/shared\/arize-tasks-openapi\.yaml/);
    expect(header).toMatch(/client_python 078afbd/);
    expect(header).toMatch(/client-go-v2 d7b5b48/);
    expect(header).toMatch(/Copied: \d{4}-\d{2}-\d{2}/);
    const parsed = parse(document) as { openapi?: string; paths?: object; components?: { schemas?: object } };
    expect(parsed.openapi).toMatch(/^3\./);
    expect(Object.keys(parsed.paths ?? {}).length).toBeGreaterThan(10);
    expect(Object.keys(parsed.components?.schemas ?? {}).length).toBeGreaterThan(50);
  });

  it.skipIf(!sharedPresent)('is the same document as ../shared/arize-tasks-openapi.yaml', () => {
    const same = committedContract().document === readFileSync(SHARED, 'utf8');
    expect(same, 'contract/arize-openapi.yaml differs from ../shared/arize-tasks-openapi.yaml: copy it again with `npm run contract:copy` and commit it').toBe(true);
  });
});
