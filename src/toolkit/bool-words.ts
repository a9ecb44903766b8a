/**
 * The words CodSpeed's runner reads as a boolean in its environment variables and `--flag=value`s.
 *
 * @module
 */
const TRUE_WORDS = ["true", "1", "yes", "on"];
const FALSE_WORDS = ["false", "0", "no", "off"];

/** Whether `s` is one of the true words (any case); anything else is false. */
export function isTrueWord(s: string): boolean {
  return TRUE_WORDS.includes(s.toLowerCase());
}

/** true or false for one of the words (any case), undefined for anything else. */
export function boolWord(s: string): boolean | undefined {
  const v = s.toLowerCase();
  return TRUE_WORDS.includes(v) ? true : FALSE_WORDS.includes(v) ? false : undefined;
}
