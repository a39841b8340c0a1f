import type { Json } from './model';

/**
 * Shape guards for values that arrived as JSON (from a claim, a file, another process): the
 * validator cannot trust TypeScript types there.
 */

/**
 * A plain object: made by a literal, JSON.parse or structured cloning, possibly in another realm
 * (a vm context, as under jest), so the test is "its prototype is some realm's Object.prototype",
 * not identity with this realm's. Class instances, Maps and Dates have a longer chain.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** True for values that survive a JSON round trip unchanged (no NaN, Infinity, undefined, classes). */
export function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isRecord(value)) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** `a`, `a or b`, `a, b or c`: for messages that list alternatives. */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** `a lock`, `an event`: for messages that name an object type. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
