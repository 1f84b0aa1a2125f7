import { existsSync } from 'node:fs';

/**
 * Whether this run drives Chromium. The browser tests need a Chromium binary that `npm install` cannot bring (no
 * browser download runs here), so on a machine without one they are left out of the run and the run ends saying so
 * with the command that enables them (`tests/support/browser-reporter.ts`). `BROWSER_TESTS=required` (set by
 * `.ci/run`) makes a missing Chromium, or a run in which no browser test ran, a failure instead.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The one command that enables the browser tests on Debian/Ubuntu (the CJK fonts so screenshots show Chinese). */
export const CHROMIUM_INSTALL = 'apt-get install -y --no-install-recommends chromium fonts-noto-cjk';

export const browserTestsRequired = (): boolean => process.env.BROWSER_TESTS === 'required';

export const chromiumPresent = (): boolean => existsSync(CHROMIUM_PATH);

/** The browser tests are in the run when Chromium is there, or when they are required (and then fail without it). */
export const browserTestsInRun = (): boolean => chromiumPresent() || browserTestsRequired();

export const MISSING_CHROMIUM =
  `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it: on Debian/Ubuntu run ` +
  `\`${CHROMIUM_INSTALL}\`, or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
