// Long identifiers (IBANs, wallet addresses, transaction hashes, references) are compared by
// their first and last characters, so when one is too long to show whole we keep both ends and
// put the ellipsis in the middle: `TNPeeaaFB7…G1NYqeL`.

/**
 * `value` shortened to at most `max` characters (the ellipsis counts as one), keeping the start
 * and the end; one more character is kept at the start than at the end when they cannot be
 * equal. Characters are counted as code points, so an emoji or a rare CJK character written as
 * a surrogate pair is never cut in half. A value that fits is returned unchanged.
 */
export function middleEllipsis(value: string, max: number): string {
  const chars = Array.from(value);
  const limit = Math.max(3, Math.floor(max));
  if (chars.length <= limit) return value;
  const kept = limit - 1;
  const head = Math.ceil(kept / 2);
  const tail = kept - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** Whether `middleEllipsis(value, max)` would shorten `value`. */
export function isTooLong(value: string, max: number): boolean {
  return Array.from(value).length > Math.max(3, Math.floor(max));
}
