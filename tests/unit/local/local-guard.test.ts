import { describe, expect, it } from 'vitest';
import { localOnlyRefusal } from '#local/local-guard.ts';

describe('who may call the local runtime’s own endpoints', () => {
  it.each([
    [{ host: '127.0.0.1:3000' }, undefined],
    [{ host: 'localhost:3000' }, undefined],
    [{ host: 'LOCALHOST:3000' }, undefined],
    [{ host: '[::1]:3000' }, undefined],
    [{ host: '127.0.0.1' }, undefined],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, undefined],
    [{ host: '127.0.0.1:3000', origin: 'http://localhost:5173' }, undefined],
    [{ host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, undefined],
  ])('%o may', (headers, want) => expect(localOnlyRefusal(headers)).toBe(want));

  it.each([
    // DNS rebinding: the page's own name comes as Host even when it resolves to this machine.
    [{ host: 'rebind.example:3000' }, /Host rebind\.example:3000/],
    [{ host: '127.0.0.1.example' }, /Host/],
    [{ host: 'localhost.evil.example:3000' }, /Host/],
    [{}, /Host \(none\)/],
    [{ host: '127.0.0.1:3000', origin: 'https://evil.example' }, /Origin https:\/\/evil\.example/],
    [{ host: '127.0.0.1:3000', origin: 'http://127.0.0.1.evil.example' }, /Origin/],
    [{ host: '127.0.0.1:3000', origin: 'null' }, /opaque origin/],
    [{ host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, /cross-site/],
  ])('%o is refused', (headers, why) => expect(localOnlyRefusal(headers)).toMatch(why));
});
