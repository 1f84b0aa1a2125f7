import { defineConfig } from 'vitest/config';

/**
 * One command runs every kind of test. A single DynamoDB Local serves the integration and end-to-end tests (each
 * file uses its own table), started once in the global setup because the JVM takes seconds to boot.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false', AWS_REGION: 'local' },
  },
});
