import { stay } from "./noop.js";
import { redact } from "./redact.js";

/** A logger the clients write to; every method receives text already stripped of secrets. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Wraps `logger` (none: every line dropped) so that no secret can reach it, whatever the message,
 * and nothing it throws reaches a call. Lines are few (retries, read-backs, warnings): none on the
 * path of a call that simply succeeds.
 */
export function redactingLogger(
  logger: Logger | undefined,
  secrets: () => readonly (string | undefined)[],
): Logger {
  // A logger that throws (a sink down) must not end a call, least of all a write halfway through
  // its protocol (sent, not yet read back): what it throws is dropped, and so is an async logger's
  // rejection (an async function fits a method typed to return void).
  const wrap = (level: keyof Logger) => (message: string) => {
    try {
      if (logger) (logger[level](redact(message, secrets())) as Promise<void> | undefined)?.catch?.(stay);
    } catch {}
  };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn") };
}
