import { shown } from "./shown.js";

/**
 * Iterates a whole collection by keyset: each page asks for ids greater than the last one seen
 * (sorted by id), so no deep page number is ever requested. Each item is yielded once: a page that
 * repeats an id already yielded (a server that ignores the key, or whose pages cycle or overlap)
 * stops the iteration with the API's error, after the items it had not yielded before that page.
 * Stops on an empty page, and on a short one whose count (`remaining`: the records still matching,
 * as the server sent it, or undefined when it sent none) says nothing more follows: a server that pages by fewer than
 * asked is read to its end, and so is one that sends no count (the page after a short one, empty
 * or not, tells; one request more at most).
 */
export async function* keysetPaginate<T extends { id: string }>(
  fetchPage: (afterId: string | undefined) => Promise<{ items: readonly T[]; remaining: number | undefined }>,
  pageSize: number,
  /** The API's error for a list that does not advance. */
  invalid: (message: string) => Error,
): AsyncGenerator<T, void, undefined> {
  let after: string | undefined;
  // Every id yielded: what proves that each page is past the ones before (ids are compared as the
  // server orders them, which need not be JavaScript's order).
  const seen = new Set<string>();
  for (;;) {
    const { items: page, remaining } = await fetchPage(after);
    if (page.length === 0) return;
    for (const r of page) {
      if (seen.has(r.id))
        throw invalid(
          `the list does not advance: the page after ${after === undefined ? "the start" : shown(after)} holds ${shown(r.id)} twice, or an earlier page held it.`,
        );
      seen.add(r.id);
    }
    yield* page;
    if (page.length < pageSize && remaining !== undefined && remaining <= page.length) return;
    after = (page[page.length - 1] as T).id;
  }
}
