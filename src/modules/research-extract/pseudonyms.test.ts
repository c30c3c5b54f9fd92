import { describe, expect, it } from 'vitest';
import { pseudonym } from './pseudonyms.ts';

describe('research pseudonyms', () => {
  const id = '7d4c3c3e-1c1a-4b0e-9a59-3f0b6f6f2a10';

  it('are 16 hex characters, the same every time for the same record and key', () => {
    const first = pseudonym({ key: 'a'.repeat(32), kind: 'person', id });
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonym({ key: 'a'.repeat(32), kind: 'person', id })).toBe(first);
  });

  it('differ with another key, and between a person and a sign-up with the same id', () => {
    const first = pseudonym({ key: 'a'.repeat(32), kind: 'person', id });
    expect(pseudonym({ key: 'b'.repeat(32), kind: 'person', id })).not.toBe(first);
    expect(pseudonym({ key: 'a'.repeat(32), kind: 'sign-up', id })).not.toBe(first);
  });
});
