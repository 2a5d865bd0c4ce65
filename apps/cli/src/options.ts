import { InvalidArgumentError } from "commander";

/**
 * The one place where the CLI parses numeric and id options. Each parser is a commander
 * `argParser`: a bad value (`abc`, `0`, `-5`, out of bounds) fails while the command line is
 * parsed, so it exits with code 2, names the option, and makes no request.
 */

/** A whole number from `min` to `max`. */
export function integer(min: number, max: number = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `Expected a whole number of at least ${min}.`
          : `Expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/** A positive integer id (`1` … 16 digits). */
export function id(value: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value.trim()))
    throw new InvalidArgumentError("Expected a positive integer id.");
  return Number(value);
}

/** A date (ISO 8601), returned as an ISO string. */
export function isoDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError("Expected a date (ISO 8601).");
  return date.toISOString();
}

/** Bounds the CLI applies, in one table. */
export const BOUNDS = {
  /** Seconds between settlement polls: a floor (no tight loop) and a cap (no timer overflow). */
  pollSeconds: { min: 1, max: 300 },
  /** Seconds to wait for settlement. */
  waitSeconds: { min: 1, max: 86_400 },
  /** Recipients per append request (the API's limit). */
  chunkSize: { min: 1, max: 1000 },
  concurrency: { min: 1, max: 16 },
  /** LettrLabs list pages. */
  pageSize: { min: 1, max: 500 },
  /** Commerce Layer list pages. */
  clPageSize: { min: 1, max: 25 },
} as const;
