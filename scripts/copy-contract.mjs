// Copies the upstream contract's OpenAPI document from ../shared (beside the
// checkout, where the team keeps the contracts) into contract/arize-openapi.yaml,
// under a header naming its source and the day it was copied. The contract
// tests read the committed copy; test/contract/openapi-copy.test.ts fails when
// ../shared holds a different one. Usage: `npm run contract:copy`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = new URL('../../shared/arize-tasks-openapi.yaml', import.meta.url);
const TARGET = new URL('../contract/arize-openapi.yaml', import.meta.url);
// the header's last line; everything after it is the source, byte for byte (test/support/openapi.ts splits there)
const MARKER = '# ---- the copied document follows, unchanged ----';

const today = new Date().toISOString().slice(0, 10);
const header = [
  '# contract/arize-openapi.yaml: the Arize REST API v2 contract the contract tests',
  '# check the emulator and the upstream client against (test/support/openapi.ts).',
  '# Source: ../shared/arize-tasks-openapi.yaml, the team\'s reconstruction from',
  '# Arize-ai/client_python 078afbd and Arize-ai/client-go-v2 d7b5b48 plus the',
  '# autumn-2026 releases (see its own header below).',
  `# Copied: ${today}, by \`npm run contract:copy\` (scripts/copy-contract.mjs).`,
  '# Do not edit by hand: when ../shared changes, test/contract/openapi-copy.test.ts',
  '# fails until the copy is made again.',
  MARKER,
].join('\n');

let source;
try {
  source = readFileSync(SOURCE, 'utf8');
} catch (error) {
  if (error?.code !== 'ENOENT') throw error;
  console.error(`npm run contract:copy: no ${fileURLToPath(SOURCE)} (it looks in ../shared beside the checkout). `
    + 'The command refreshes contract/arize-openapi.yaml from the team\'s contract; a clone without ../shared does not need it (the tests use the committed copy).');
  process.exit(1);
}
writeFileSync(TARGET, `${header}\n${source}`);
console.log(`copied ${SOURCE.pathname} to contract/arize-openapi.yaml (${today})`);
