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
 * another terminal, did it) is returned, with a note that nothing more was sent; otherwise the
 * refusal is thrown, as the user must see it, with what the reading said. An error that is no
 * refusal, or an order that cannot be read, throws the error as it came.
 */
export async function doneDespiteRefusal<T>(error: unknown, ask: RefusalReadBack<T>): Promise<T> {
  if (!ask.refused(error)) throw error;
  const current = await ask.read().catch((readError: unknown) => {
    if (!ask.quiet)
      note(`(Order ${ask.id} could not be read back after the refusal: ${(readError as Error).message})`);
    throw error;
  });
  if (!ask.done(current)) {
    if (!ask.quiet) note(`Order ${ask.id} is ${ask.describe(current)}${ask.notDone?.(current) ?? ""}.`);
    throw error;
  }
  note(`Order ${ask.id} is already ${ask.describe(current)}: nothing more was sent.`);
  return current;
}
