import { describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL } from '../../support/browser-availability.ts';
import { BROWSER_PROJECT, browserRunVerdict } from '../../support/browser-reporter.ts';

/** A test module of a project whose cases ended in these states. */
const moduleOf = (project: string, states: string[]) =>
  ({
    project: { name: project },
    children: { allTests: () => states.map((state) => ({ result: () => ({ state }) })) },
  }) as unknown as Parameters<typeof browserRunVerdict>[1][number];

describe('what the run says of the browser tests', () => {
  it('left out for want of Chromium: one plain line naming the command that enables them, and the run passes', () => {
    const verdict = browserRunVerdict({ inRun: false, required: false }, [moduleOf('all', ['passed'])]);
    expect(verdict.fail).toBe(false);
    expect(verdict.line).toMatch(/^Browser tests did not run: no Chromium at \S+\. To run them: /);
    expect(verdict.line).toContain(CHROMIUM_INSTALL);
  });

  it('in the run and all run: nothing to say', () => {
    const verdict = browserRunVerdict({ inRun: true, required: true }, [
      moduleOf(BROWSER_PROJECT, ['passed', 'failed']),
    ]);
    expect(verdict).toEqual({ fail: false });
  });

  it('required but none ran (filtered out, or the project missing): the run fails', () => {
    const verdict = browserRunVerdict({ inRun: true, required: true }, [moduleOf('all', ['passed'])]);
    expect(verdict.fail).toBe(true);
    expect(verdict.line).toContain('0 of 0 ran');
  });

  it('required and one was skipped: the run fails', () => {
    const verdict = browserRunVerdict({ inRun: true, required: true }, [
      moduleOf(BROWSER_PROJECT, ['passed', 'skipped']),
    ]);
    expect(verdict).toMatchObject({ fail: true, line: expect.stringContaining('1 of 2 ran') });
  });

  it('not required: a skipped browser test does not fail the run on its own', () => {
    expect(browserRunVerdict({ inRun: true, required: false }, [moduleOf(BROWSER_PROJECT, ['skipped'])]).fail).toBe(
      false,
    );
  });
});
