import { describe, expect, it } from 'vitest';
import { addNames, isSharedWithMe, MAX_SHARED, sharingNote } from './sharing';

describe('addNames', () => {
  it('adds several names, lower-cased, each once and after the ones already there', () => {
    expect(addNames(['bob'], ' Carol, dave  BOB;erin ', 'alice')).toEqual({ names: ['bob', 'carol', 'dave', 'erin'] });
  });

  it('refuses an empty entry, a name the gateway would refuse, and the owner', () => {
    expect(addNames([], ' , ', 'alice').problem).toBe('Type a user name first.');
    expect(addNames([], 'bob ca!rol', 'alice').problem).toMatch(/“ca!rol” is not a user name/);
    expect(addNames([], `-${'x'.repeat(50)}`, 'alice').problem).toMatch(/“-x{39}…” is not a user name/);
    expect(addNames([], 'x'.repeat(101), 'alice').problem).toMatch(/is not a user name/);
    expect(addNames(['bob'], 'Alice', 'alice').problem).toMatch(/yours/);
  });

  it('keeps to the bound on the list', () => {
    const full = Array.from({ length: MAX_SHARED }, (_, i) => `user${i}`);
    expect(addNames(full, 'user0', 'alice')).toEqual({ names: full });
    expect(addNames(full, 'one-more', 'alice').problem).toMatch(`at most ${MAX_SHARED}`);
  });

  it('accepts the characters of e-mail-like user names', () => {
    expect(addNames([], 'dana.smith@example.com o_neil', 'alice')).toEqual({ names: ['dana.smith@example.com', 'o_neil'] });
  });
});

describe('sharingNote', () => {
  it('names the owner of a session shared with me', () => {
    expect(sharingNote({ access: 'shared', owner: 'alice', sharedWith: ['bob', 'carol'] })).toBe('Shared by alice');
    expect(isSharedWithMe({ access: 'shared' })).toBe(true);
  });

  it('says with whom my own session is shared, if anyone', () => {
    expect(sharingNote({ access: 'owner', owner: 'alice', sharedWith: [] })).toBeUndefined();
    expect(sharingNote({ access: 'owner', owner: 'alice' })).toBeUndefined();
    expect(sharingNote({ access: 'owner', owner: 'alice', sharedWith: ['bob'] })).toBe('Shared with bob');
    expect(sharingNote({ access: 'owner', owner: 'alice', sharedWith: ['bob', 'carol'] })).toBe('Shared with 2 people');
    expect(isSharedWithMe({ access: 'owner' })).toBe(false);
  });
});
