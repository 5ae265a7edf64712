import type { Session } from '../api/types';

/** The gateway's bound on a session's sharedWith (the CRD's). */
export const MAX_SHARED = 64;
// A KubeChat user name, as the gateway checks it (AccountStore.USERNAME).
const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;

export function isSharedWithMe(session: Pick<Session, 'access'>): boolean {
  return session.access === 'shared';
}

/** The short note shown beside a session in the list, or undefined for an unshared session of one's own. */
export function sharingNote(session: Pick<Session, 'access' | 'owner' | 'sharedWith'>): string | undefined {
  if (isSharedWithMe(session)) return `Shared by ${session.owner}`;
  const count = session.sharedWith?.length ?? 0;
  if (count === 0) return undefined;
  return count === 1 ? `Shared with ${session.sharedWith![0]}` : `Shared with ${count} people`;
}

/**
 * Adds the names typed in `text` (separated by commas or spaces) to `current`, as the gateway will keep them:
 * lower-cased, as sign-in does, and each once. Returns the new list, or the reason it cannot be.
 */
export function addNames(current: readonly string[], text: string, owner: string | undefined):
  { names: string[]; problem?: undefined } | { names?: undefined; problem: string } {
  const typed = text.split(/[\s,;]+/).map((n) => n.toLowerCase()).filter((n) => n !== '');
  if (typed.length === 0) return { problem: 'Type a user name first.' };
  const names = [...current];
  for (const name of typed) {
    if (!USER_NAME.test(name)) {
      return { problem: `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}” is not a user name: use lower-case letters, digits, “.”, “_”, “@” or “-”.` };
    }
    if (name === owner) return { problem: 'This session is yours; share it with other people.' };
    if (!names.includes(name)) names.push(name);
  }
  if (names.length > MAX_SHARED) return { problem: `A session can be shared with at most ${MAX_SHARED} people.` };
  return { names };
}
