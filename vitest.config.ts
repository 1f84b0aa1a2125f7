import { defineConfig } from 'vitest/config';
import { browserTestsInRun } from './tests/support/browser-availability.ts';
import { BROWSER_PROJECT, BrowserTestsReporter } from './tests/support/browser-reporter.ts';

/**
 * One command runs every kind of test. A single DynamoDB Local serves the integration, end-to-end and browser tests
 * (each file uses its own table), started once in the global setup because the JVM takes seconds to boot. The
 * browser tests drive Chromium, whose steps (start, navigate, wait for a page) take seconds on a busy 2-core machine,
 * so they get longer timeouts; on a machine without Chromium they are left out and the run ends saying so (see
 * tests/support/browser-availability.ts). The `npm start` test measures a cold start against a deadline, so it runs
 * alone, after everything else has finished.
 */
const env = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  AWS_REGION: 'local',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
// The global setup runs in this process and loads the AWS SDK, whose Node 20 notice would otherwise open the run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const coldStart = 'tests/e2e/npm-start.test.ts';
const browser = 'tests/browser/**/*.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env,
    reporters: ['default', new BrowserTestsReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: ['tests/**/*.test.ts'],
          exclude: [coldStart, browser],
          sequence: { groupOrder: 0 },
        },
      },
      ...(browserTestsInRun()
        ? [
            {
              extends: true as const,
              test: {
                name: BROWSER_PROJECT,
                include: [browser],
                testTimeout: 60_000,
                hookTimeout: 180_000,
                // A page's answer to a click (a write, a reload) can take seconds on a busy machine; a poll that
                // gives up after the default second fails a flow that works.
                expect: { poll: { timeout: 15_000 } },
                sequence: { groupOrder: 0 },
              },
            },
          ]
        : []),
      { extends: true, test: { name: 'cold-start', include: [coldStart], sequence: { groupOrder: 1 } } },
    ],
  },
});
