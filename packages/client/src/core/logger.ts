import { redact } from "./redact.js";

/** A logger the clients write to; every method receives text already stripped of secrets. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

/** Wraps `logger` so that no secret can reach it, whatever the message, and nothing it throws reaches a call. */
export function redactingLogger(
  logger: Logger | undefined,
  secrets: () => readonly (string | undefined)[],
): Logger {
  if (!logger) return silentLogger;
  // A logger that throws (a sink down) must not end a call, least of all a write halfway through
  // its protocol (sent, not yet read back): what it throws is dropped.
  const wrap = (level: keyof Logger) => (message: string) => {
    try {
      logger[level](redact(message, secrets()));
    } catch {}
  };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn") };
}
