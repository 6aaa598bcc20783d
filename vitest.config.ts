import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module) builds. Node, and so every
  // dependency, loads the CJS one; make vite load the same instance, or
  // graphql-js refuses "GraphQLObjectType from another module or realm".
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    // the default summary, then one line when tests were skipped for a missing test server
    reporters: ['default', './test/support/skipped-servers-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
