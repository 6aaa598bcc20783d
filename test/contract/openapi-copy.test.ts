/**
 * The contract tests read the repository's copy of the OpenAPI document
 * (`contract/arize-openapi.yaml`). Where the team's contracts sit beside the
 * checkout (`../shared`, as on CI), the copy must be the same document, so it
 * is kept current; a clone without them runs everything else and skips this
 * one comparison, saying so.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it('`npm run contract:copy` without ../shared says in one line where it looked and what it is for, and changes nothing', () => {
    // a checkout with nothing beside it: the script and a contract/ folder in a fresh temporary directory
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'contract-copy-'));
    try {
      mkdirSync(path.join(scratch, 'repo/contract'), { recursive: true });
      cpSync(new URL('../../scripts/copy-contract.mjs', import.meta.url), path.join(scratch, 'repo/scripts/copy-contract.mjs'));
      writeFileSync(path.join(scratch, 'repo/contract/arize-openapi.yaml'), 'untouched\n');
      const result = spawnSync(process.execPath, [path.join(scratch, 'repo/scripts/copy-contract.mjs')], { encoding: 'utf8', timeout: 20_000 });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        `npm run contract:copy: no ${path.join(scratch, 'shared/arize-tasks-openapi.yaml')} (it looks in ../shared beside the checkout). `
        + 'The command refreshes contract/arize-openapi.yaml from the team\'s contract; a clone without ../shared does not need it (the tests use the committed copy).',
      ]);
      expect(readFileSync(path.join(scratch, 'repo/contract/arize-openapi.yaml'), 'utf8')).toBe('untouched\n');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
