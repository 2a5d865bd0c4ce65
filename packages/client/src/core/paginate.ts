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
 * - With `strict` (read-backs whose result decides what is sent again), a page that brings nothing
 *   new never ends the list: the next page is read (a server that counts pages from 1 serves its
 *   first page twice, then goes on), and a second such page in a row stops the list with
 *   `invalid(...)`. A server that ignores the page number and caps its pages looks exactly like a
 *   list that ended, and a read-back that stopped at its first page would send the rest again: the
 *   caller's write fails as ambiguous instead. (A static mock such as Prism cannot serve a read-back.)
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
  let longest = 0;
  let size = pageSize;
  /** Pages in a row that brought nothing new (strict). */
  let stale = 0;
  for (let page = options.firstPage ?? 0; ; page++) {
    const items = await fetchPage(page, size);
    if (items.length === 0) return;
    let fresh = 0;
    for (const item of items) {
      const id = identity(item);
      if (seen.has(id)) continue;
      seen.add(id);
      fresh++;
      yield item;
    }
    if (fresh === 0) {
      if (options.strict && stale++ === 0) continue;
      if (items.length < pageSize && !options.strict) return;
      throw options.invalid(
        `the list does not advance: page ${page} holds only items of earlier pages (the server ignored the page number?).`,
      );
    }
    stale = 0;
    if (items.length < longest) return;
    if (page === 0 && items.length < size) size = items.length;
    longest = Math.max(longest, items.length);
  }
}
