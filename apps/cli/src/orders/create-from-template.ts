import type { CreatedOrder, LettrLabs, LettrLabsClient } from "@orderkit/client";
import { confirm, isInteractive } from "../prompt.js";

/** Where a create that may stop mid-way keeps its progress (a send's ledger entry, a pending create). */
export interface CreateProgress {
  /** The Draft order ids before the create was sent. */
  draftsBefore?: number[] | undefined;
  /** Set (and saved) just before the create is sent. */
  createStarted: boolean;
}

/**
 * Creates a LettrLabs order from a template at most once across processes: the Draft orders are
 * recorded (`save`) before the create is sent, so that a run that stopped mid-create is resumed by
 * the next one, which reads back (after the client's settle wait) and creates only when no order
 * appeared. The one home of this rule for `orderkit send` and `orderkit orders create`.
 *
 * An empty Draft that appeared is taken only when the user says so at a terminal (never with
 * `yes`, never without a TTY): LettrLabs cannot say who created it.
 */
export async function createFromTemplateOnce(
  ll: LettrLabsClient,
  templateId: number,
  progress: CreateProgress,
  save: () => Promise<void>,
  ask: { yes: boolean; whose: string; say: (m: string) => void },
): Promise<CreatedOrder> {
  const confirmCandidate = async (order: LettrLabs.Order) => {
    if (ask.yes || !isInteractive()) return false;
    ask.say(
      `Order ${order.id} (${order.status}, no recipients) appeared after the create was interrupted. LettrLabs cannot say who created it: another process may have.`,
    );
    // No answer (Ctrl-D) or a failed prompt is a "no": the candidate stays named. Ctrl-C stops the run.
    return confirm(`Is order ${order.id} ${ask.whose}?`, false, { refuse: false }).catch(() => false);
  };
  const resume = progress.createStarted && progress.draftsBefore !== undefined;
  if (!resume) {
    progress.draftsBefore = [...(await ll.orders.draftIds())];
    progress.createStarted = true;
    await save();
  }
  return ll.orders.create({ templateId }, { draftsBefore: progress.draftsBefore, resume, confirmCandidate });
}
