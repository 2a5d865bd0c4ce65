/**
 * Characters that are letters to Unicode but print nothing (Hangul fillers): text of them alone
 * reads as empty.
 */
const FILLERS = /[\u115F\u1160\u3164\uFFA0]/gu;

/** A letter or a digit of any script. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Whether `value` is text a person could read someone by: it holds a letter or a digit (of any
 * script), not only spaces, punctuation, invisible characters (a zero-width space, a Hangul
 * filler, a braille blank) or combining marks. An email, a phone number, a street or a city
 * always does.
 */
export function isReadable(value: unknown): value is string {
  return typeof value === "string" && LETTER_OR_DIGIT.test(value.replace(FILLERS, ""));
}
