import { setTimeout as sleep } from "node:timers/promises";
import { note } from "../output.js";

/**
 * What a trigger that a server refused (checking out, placing, cancelling an order) is asked of
 * {@link doneDespiteRefusal}: how to tell a refusal, how to read the order back, and whether what it
 * reads is already in the state the trigger asks for.
 */
export interface RefusalReadBack<T> {
  /** The order, as the user named it. */
  id: string | number;
  /** True for an error by which the server refused the trigger (a 4xx it answered). */
  refused: (error: unknown) => boolean;
  /** Reads the order back. */
  read: () => Promise<T>;
  /** True when `order` is already in the state the trigger asks for. */
  done: (order: T) => boolean;
  /**
   * When a reading says done, how long to wait before a second reading, which decides (a listing
   * may lag: a reading from before a rollback must not turn a refusal into a success). 0: one reading.
   */
  readAgainAfterMs?: number | undefined;
  /** How an order in that state was made otherwise than this run asks (its options), or undefined. */
  differs?: ((order: T) => string | undefined) | undefined;
  /** What the order is, for the notes: its status (and payment). */
  describe: (order: T) => string;
  /** More to say when the order is not in that state (a transition under way). */
  notDone?: ((order: T) => string) | undefined;
  /** No notes on stderr (`--json`), but for the one that says nothing was sent. */
  quiet: boolean;
}

/**
 * After a trigger the server refused: reads the order back, and never sends again. An order
 * already in the trigger's state (an earlier run, killed or cut off while its request landed, or
 * another terminal, or this run's request despite its error, did it), as this run asks it, is
 * returned, with a note that nothing more is sent; otherwise the refusal is thrown, as the user
 * must see it, with what the reading said (made otherwise: which option differs). An error that is
 * no refusal, or an order that cannot be read, throws the error as it came.
 */
export async function doneDespiteRefusal<T>(error: unknown, ask: RefusalReadBack<T>): Promise<T> {
  if (!ask.refused(error)) throw error;
  const read = () =>
    ask.read().catch((readError: unknown) => {
      if (!ask.quiet)
        note(`(Order ${ask.id} could not be read back after the refusal: ${(readError as Error).message})`);
      throw error;
    });
  let current = await read();
  if (ask.done(current) && ask.readAgainAfterMs) {
    await sleep(ask.readAgainAfterMs);
    current = await read();
  }
  if (!ask.done(current)) {
    if (!ask.quiet) note(`Order ${ask.id} is ${ask.describe(current)}${ask.notDone?.(current) ?? ""}.`);
    throw error;
  }
  const otherwise = ask.differs?.(current);
  if (otherwise !== undefined) {
    if (!ask.quiet)
      note(`Order ${ask.id} is already ${ask.describe(current)}, but ${otherwise}: nothing more is sent.`);
    throw error;
  }
  note(`Order ${ask.id} is already ${ask.describe(current)}: nothing more is sent.`);
  return current;
}
