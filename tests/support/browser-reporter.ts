import type { Reporter, TestModule } from 'vitest/node';
import { browserTestsInRun, browserTestsRequired, CHROMIUM_INSTALL, CHROMIUM_PATH } from './browser-availability.ts';

/** The vitest project that holds the browser tests (vitest.config.ts). */
export const BROWSER_PROJECT = 'browser';

export interface BrowserRunFacts {
  /** Whether the browser project was in the run (Chromium present, or the tests required). */
  inRun: boolean;
  /** BROWSER_TESTS=required: they must all have run. */
  required: boolean;
}

/**
 * What the run's last line says of the browser tests, and whether the run fails for it: left out for want of
 * Chromium (one plain line with the command that enables them), or, when required, a failure unless every one ran.
 */
export function browserRunVerdict(
  facts: BrowserRunFacts,
  testModules: ReadonlyArray<Pick<TestModule, 'project' | 'children'>>,
): { line?: string; fail: boolean } {
  if (!facts.inRun) {
    return {
      line: `Browser tests did not run: no Chromium at ${CHROMIUM_PATH}. To run them: ${CHROMIUM_INSTALL}`,
      fail: false,
    };
  }
  const cases = testModules
    .filter((m) => m.project.name === BROWSER_PROJECT)
    .flatMap((m) => [...m.children.allTests()]);
  const ran = cases.filter((c) => ['passed', 'failed'].includes(c.result().state)).length;
  if (facts.required && (ran === 0 || ran < cases.length)) {
    return {
      line: `Browser tests are required (BROWSER_TESTS=required) but ${ran} of ${cases.length} ran.`,
      fail: true,
    };
  }
  return { fail: false };
}

/** Ends the run with what became of the browser tests, so they are never dropped in silence. */
export class BrowserTestsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const verdict = browserRunVerdict({ inRun: browserTestsInRun(), required: browserTestsRequired() }, testModules);
    if (verdict.line) process.stdout.write(`\n${verdict.line}\n`);
    if (verdict.fail) process.exitCode = 1;
  }
}
