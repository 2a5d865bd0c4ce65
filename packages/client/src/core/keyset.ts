/**
 * Iterates a whole collection by keyset: each page asks for ids greater than the last one seen
 * (sorted by id), so no deep page number is ever requested. Stops on a short or empty page, and
 * stops with an error if the server does not advance.
 */
export async function* keysetPaginate<T extends { id: string }>(
  fetchPage: (afterId: string | undefined) => Promise<readonly T[]>,
  pageSize: number,
  /** The API's error for a list that does not advance. */
  invalid: (message: string) => Error,
): AsyncGenerator<T, void, undefined> {
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    if (page.length === 0) return;
    const last = (page[page.length - 1] as T).id;
    if (after !== undefined && (last === after || page.some((r) => r.id === after))) {
      throw invalid(`the list does not advance: the server returned ids not after ${after}.`);
    }
    yield* page;
    if (page.length < pageSize) return;
    after = last;
  }
}
