/**
 * Iterates every item of a page-numbered list. Stops on a short or empty page, and stops with an
 * error instead of looping forever when the server returns the same page again (for example
 * because it ignores the page parameter).
 */
export async function* paginate<T>(
  fetchPage: (pageNumber: number) => Promise<readonly T[]>,
  pageSize: number,
  options: { firstPage?: number; identity?: (item: T) => unknown } = {},
): AsyncGenerator<T, void, undefined> {
  const identity = options.identity ?? ((item: T) => JSON.stringify(item));
  let previous: string | undefined;
  for (let page = options.firstPage ?? 0; ; page++) {
    const items = await fetchPage(page);
    if (items.length === 0) return;
    const signature = `${String(identity(items[0] as T))}|${String(identity(items[items.length - 1] as T))}|${items.length}`;
    if (signature === previous) {
      throw new Error(
        `Pagination stopped: page ${page} repeats page ${page - 1} (the server ignored the page number).`,
      );
    }
    previous = signature;
    yield* items;
    if (items.length < pageSize) return;
  }
}
