/**
 * Iterates every item of a page-numbered list, each item once.
 *
 * - Stops on an empty page, or on a page shorter than one the server has already served: a short
 *   first page is not trusted as the end (a server may serve fewer than asked for, whatever the
 *   spec infers its maximum to be), so the next page is read, and only when the server has shown
 *   that it serves more per page does a shorter page end the list. A read-back that stopped at a
 *   server's cap would miss recipients and send them again.
 * - After a short page 0, the following pages are asked for in the size the server served: right
 *   whether the server counts pages in its own size or takes `pageNumber × pageSize` as the offset
 *   (asking for 500 again from a server that serves 100 would skip 400 items at each page).
 * - Yields an item seen on an earlier page (offsets shifted by a concurrent write) only once. A
 *   page that brings nothing new ends the list when it is short (a server that ignores the page
 *   number and holds fewer items than a page, such as a static mock), and stops it with
 *   `invalid(...)` when it is full, instead of looping forever (the server ignores the page number,
 *   or alternates between pages).
 * - Listing (not `strict`), a server that counts pages from 1 (taking 0 for 1) serves its first page
 *   twice: page 1 exactly equal to page 0 (the same items in the same order) is skipped, once, and
 *   the list goes on.
 * - With `strict` (read-backs whose result decides what is sent again), every page that brings
 *   nothing new stops the list with `invalid(...)`, whatever its size, page 1 equal to page 0
 *   included: a server that ignores the page number and caps its pages looks exactly like a list
 *   that ended, and one that serves an earlier page for a later one (once, or always, as a server
 *   counting from 1 does for page 1) hides the later one; a read-back that took either for the
 *   whole list would send rows again. The caller's write fails as ambiguous instead. (A static mock
 *   such as Prism, or a server counting pages from 1 against the spec, cannot serve a read-back.)
 */
export async function* paginate<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<readonly T[]>,
  pageSize: number,
  options: {
    firstPage?: number;
    identity?: (item: T) => unknown;
    /** Never take a page that brings nothing new for the end of the list (see above). */
    strict?: boolean;
    /** The API's error for a list that does not advance. */
    invalid: (message: string) => Error;
  },
): AsyncGenerator<T, void, undefined> {
  const identity = options.identity ?? ((item: T) => JSON.stringify(item));
  const seen = new Set<unknown>();
  const first = options.firstPage ?? 0;
  let longest = 0;
  let size = pageSize;
  /** The identities of the first page, until the second is compared with them. */
  let firstIds: unknown[] | undefined;
  for (let page = first; ; page++) {
    const items = await fetchPage(page, size);
    if (items.length === 0) return;
    const ids = items.map(identity);
    if (page === first) firstIds = options.strict ? undefined : ids;
    else if (firstIds) {
      const before = firstIds;
      firstIds = undefined;
      if (ids.length === before.length && ids.every((id, i) => id === before[i])) continue;
    }
    let fresh = 0;
    for (let i = 0; i < items.length; i++) {
      if (seen.has(ids[i])) continue;
      seen.add(ids[i]);
      fresh++;
      yield items[i] as T;
    }
    if (fresh === 0) {
      if (items.length < pageSize && !options.strict) return;
      throw options.invalid(
        `the list does not advance: page ${page} holds only items of earlier pages (the server ignored the page number?).`,
      );
    }
    if (items.length < longest) return;
    if (page === first && items.length < size) size = items.length;
    longest = Math.max(longest, items.length);
  }
}

/**
 * What a read-back that decides a re-send sees: the list read twice (`read` pages it `strict`),
 * every item either read saw given to `add`. A page a lagging replica serves short once, or items
 * someone removes while it reads (shifting the rest behind the page being read), must not make
 * items that are there look missing, and have them sent again.
 */
export async function readBack<T>(
  read: () => AsyncIterable<T>,
  add: (item: T, again: boolean) => void,
): Promise<void> {
  for (let n = 0; n < 2; n++) for await (const item of read()) add(item, n > 0);
}
