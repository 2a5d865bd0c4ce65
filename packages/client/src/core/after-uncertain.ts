/**
 * Errors, and answers, that followed an attempt that may have applied their write: a safe write's
 * re-send (safeWrite), or a write the transport sent again after an attempt with no usable answer
 * or a 5xx (a DELETE whose connection dropped, answered 404 the second time). Whatever they say
 * (refused, not found, never sent), the write may have been applied by that earlier attempt:
 * `mayHaveApplied` is true of such errors. The transport marks the answer, and runCall the error
 * made of it.
 */
export const AFTER_UNCERTAIN = new WeakSet<object>();

/** How a marked error's message ends. */
const SAYS = "may have applied it).";

/**
 * `error`, marked (AFTER_UNCERTAIN) and saying why (once): it ended a write sent again after an attempt
 * that may have applied it.
 */
export function uncertainAfter<E extends Error>(error: E): E {
  if (!error.message.endsWith(SAYS))
    error.message = `${error.message.replace(/\.$/, "")} (an earlier attempt may have applied it).`;
  AFTER_UNCERTAIN.add(error);
  return error;
}
