import { describe, expect, it } from "vitest";
import { createLettrLabsClient, LettrLabsError, LettrLabsInvalidResponseError } from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

describe("proof", () => {
  it.each(["json-base64", "pdf"] as const)("returns PDF bytes when the API answers %s", async (proofAs) => {
    const { fake, ll } = await setup({ proofAs });
    const order = fake.seedOrder();
    const pdf = await ll.orders.proof(order.id);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
    const merged = await ll.orders.proof(order.id, { recipientId: 7 });
    expect(merged.length).toBe(pdf.length);
    expect(fake.count("GET", /\/proof\/7$/)).toBe(1);
  });

  it("rejects a proof that is not a PDF", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /proof$/, { kind: "status", status: 200, body: "bm90IGEgcGRm" });
    const error = await ll.orders.proof(1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsInvalidResponseError);
  });
});

describe("pagination", () => {
  it("iterates every order across pages and stops on the short page", async () => {
    const { fake, ll } = await setup();
    for (let i = 0; i < 250; i++) fake.seedOrder();
    const ids: number[] = [];
    for await (const order of ll.orders.iterate({ pageSize: 100 })) ids.push(order.id);
    expect(new Set(ids).size).toBe(250);
    expect(fake.count("GET", /^\/v1\/order$/)).toBe(3);
  });

  it("iterates an order's recipients", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    await ll.orders.recipients.append(order.id, recipients(230));
    let n = 0;
    for await (const _ of ll.orders.recipients.iterate(order.id, { pageSize: 100 })) n++;
    expect(n).toBe(230);
  });

  it("stops with an error instead of looping when the server ignores the page number", async () => {
    let calls = 0;
    const page = JSON.stringify({
      payload: { orders: Array.from({ length: 2 }, (_, i) => ({ id: i + 1, status: "Draft" })) },
      errors: [],
      hasErrors: false,
    });
    const ll = createLettrLabsClient({
      apiKey: "LL-API-x",
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => {
        calls++;
        return new Response(page, { headers: { "content-type": "application/json" } });
      },
    });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const o of ll.orders.iterate({ pageSize: 2 })) seen.push(o.id);
    })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/does not advance/);
    expect((error as { kind?: string }).kind).toBe("invalid_response");
    // Page 1 equal to page 0 is skipped once (a server counting pages from 1); page 2 stops it.
    expect(calls).toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it.each([
    ["counts pages in the size it serves", false],
    ["takes pageNumber × the asked size as the offset", true],
  ])(
    "a server that serves fewer per page than asked and %s: the read-back sees every recipient, nothing is sent twice",
    async (_, pageOffsetByAskedSize) => {
      // The spec infers a 500 maximum; a server capping at 100 made the read-back stop after one
      // page (or, asked for 500 again, skip 400 at each page), so a resumed append sent rows again
      // (found by two hostile reviews).
      const { fake, ll } = await setup({ maxPageSize: 100, pageOffsetByAskedSize });
      const order = fake.seedOrder();
      const list = recipients(700);
      await ll.orders.recipients.append(order.id, list.slice(0, 600));
      const posts = fake.count("PUT", /\/recipients$/);
      const again = await ll.orders.recipients.append(order.id, list, { resume: true });
      expect(again.recovered).toBe(600);
      expect(fake.count("PUT", /\/recipients$/)).toBe(posts + 1);
      expect(order.recipients).toHaveLength(700);
      expect((await ll.orders.recipients.presentKeys(order.id)).size).toBe(700);
      // The Draft snapshot of a create reads every page too.
      for (let i = 0; i < 229; i++) fake.seedOrder();
      expect((await ll.orders.draftIds()).size).toBe(230);
    },
  );

  it("a server that caps its pages and ignores the page number: a resumed append fails as ambiguous instead of sending rows twice", async () => {
    // Page 1 repeats page 0, which looks exactly like a list that ended: the read-back saw 100 of
    // 150 recipients and sent the other 50 again (200 on the order). Read-backs are strict now.
    const { fake, ll } = await setup({ maxPageSize: 100, ignorePageNumber: true });
    const order = fake.seedOrder();
    const list = recipients(150);
    await ll.orders.recipients.append(order.id, list);
    expect(order.recipients).toHaveLength(150);
    const puts = fake.count("PUT", /\/recipients$/);
    const error = await ll.orders.recipients
      .append(order.id, list, { resume: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsError);
    expect((error as LettrLabsError).kind).toMatch(/^(ambiguous_write|invalid_response)$/);
    expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
    expect(order.recipients).toHaveLength(150);
    await expect(ll.orders.recipients.presentKeys(order.id)).rejects.toBeInstanceOf(
      LettrLabsInvalidResponseError,
    );
    // The Draft snapshot taken before a create is lenient (it decides nothing; the CLI takes it
    // too, and must work against a static mock): it sees the first page.
    for (let i = 0; i < 100; i++) fake.seedOrder();
    expect((await ll.orders.draftIds()).size).toBe(100);
    // A lost create on that server: the Draft it made is past the first page, so a read-back that
    // took the first page for all of them found nothing new and created a second order.
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    const before = fake.orders.size;
    const lost = await ll.orders
      .create({ templateId: 12345 }, { confirmCandidate: () => true })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(LettrLabsError);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
    expect(fake.orders.size).toBe(before + 1);
    // Listing for the caller keeps what it did: what the server serves (documented).
    const seen: number[] = [];
    for await (const o of ll.orders.iterate({ pageSize: 500 })) seen.push(o.id);
    expect(seen).toHaveLength(100);
  });

  it.each([
    ["fits one page", {}, 150],
    ["spans pages capped at 100", { maxPageSize: 100 }, 250],
  ])(
    "a server that counts pages from 1 (and takes 0 for 1), list %s: listings read every item; a read-back fails safe",
    async (_, server, n) => {
      const { fake, ll } = await setup({ pagesFromOne: true, ...server });
      const order = fake.seedOrder();
      const list = recipients(n);
      await ll.orders.recipients.append(order.id, list);
      // Listing skips the first page served twice (page 1 equal to page 0), once, and goes on.
      const seen: unknown[] = [];
      for await (const r of ll.orders.recipients.iterate(order.id)) seen.push(r);
      expect(seen).toHaveLength(n);
      for (let i = 0; i < 600; i++) fake.seedOrder();
      expect((await ll.orders.draftIds()).size).toBe(601);
      // A read-back cannot tell that server from one that answered page 1 with page 0 by mistake
      // (which would hide page 1's rows): it fails, and nothing is sent.
      const puts = fake.count("PUT", /\/recipients$/);
      const error = await ll.orders.recipients
        .append(order.id, list, { resume: true })
        .catch((e: unknown) => e);
      expect((error as LettrLabsError).kind).toBe("ambiguous_write");
      expect((error as Error).message).toMatch(/does not advance/);
      expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
      expect(order.recipients).toHaveLength(n);
    },
  );

  it.each([
    ["page 1 answered with page 0", (n: number) => (n === 1 ? 0 : n)],
    ["every even page past 0 answered with page 0", (n: number) => (n > 0 && n % 2 === 0 ? 0 : n)],
    ["page 3 answered with page 2", (n: number) => (n === 3 ? 2 : n)],
  ])(
    "a server that answers a later page with an earlier one (%s, in both reads): a resumed append sends nothing twice",
    async (_, answer) => {
      // Such a page was skipped as a server counting from 1, hiding the real page's rows, which were
      // then sent again (2800 rows for 2300; 3500 for 3000, and paid, through the CLI).
      const { fake, ll } = await setup(
        { maxPageSize: 100 },
        {
          fetch: (input, init) => {
            const url = new URL(input instanceof Request ? input.url : String(input));
            const page = url.searchParams.get("pageNumber");
            if (url.pathname.endsWith("/recipients") && page !== null)
              url.searchParams.set("pageNumber", String(answer(Number(page))));
            return fetch(input instanceof Request ? new Request(url, input) : url, init);
          },
        },
      );
      const order = fake.seedOrder();
      const list = recipients(600);
      await ll.orders.recipients.append(order.id, list);
      const puts = fake.count("PUT", /\/recipients$/);
      const error = await ll.orders.recipients
        .append(order.id, list, { resume: true })
        .catch((e: unknown) => e);
      expect((error as LettrLabsError).kind).toBe("ambiguous_write");
      expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
      expect(order.recipients).toHaveLength(600);
    },
  );

  it("a page served short once (a lagging replica) or rows removed while reading: no row already on the order is sent again", async () => {
    // Each made the read-back end early or skip rows, and a resumed append sent those rows again.
    const { fake, ll } = await setup({ maxPageSize: 100 });
    const order = fake.seedOrder();
    const list = recipients(600);
    await ll.orders.recipients.append(order.id, list);
    const envelope = (rows: unknown[]) => ({
      payload: { orderId: order.id, status: order.status, recipients: rows },
      errors: [],
      errorDetails: [],
      warnings: [],
      hasErrors: false,
      hasWarnings: false,
    });
    // The read-back's third page (rows 200-299) comes back with 20 rows.
    fake.inject(
      "GET",
      /\/recipients$/,
      { kind: "status", status: 200, body: envelope(order.recipients.slice(200, 220)) },
      1,
      2,
    );
    let puts = fake.count("PUT", /\/recipients$/);
    const again = await ll.orders.recipients.append(order.id, list, { resume: true });
    expect(again.recovered).toBe(600);
    expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
    expect(order.recipients).toHaveLength(600);

    // 20 rows of another list first; someone removes them once the read-back has read its first page.
    const other = fake.seedOrder();
    await ll.orders.recipients.append(other.id, recipients(20, 10_000));
    const ours = recipients(230);
    await ll.orders.recipients.append(other.id, ours);
    const foreign = new Set(other.recipients.slice(0, 20).map((r) => r.id));
    fake.inject(
      "GET",
      /\/recipients$/,
      {
        kind: "side-effect",
        effect: () => (other.recipients = other.recipients.filter((r) => !foreign.has(r.id))),
      },
      1,
      1,
    );
    puts = fake.count("PUT", /\/recipients$/);
    const resumed = await ll.orders.recipients.append(other.id, ours, { resume: true });
    expect(resumed.recovered).toBe(230);
    expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
    expect(other.recipients).toHaveLength(230);
  });

  it("a lost create whose read-back gets an empty page once: the new Draft is still found, no second order", async () => {
    const { fake, ll } = await setup();
    for (let i = 0; i < 3; i++) fake.seedOrder();
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    // The first two GETs are create's snapshot (a short page 0 is not trusted as the end, so page 1
    // is read too); the third, the read-back's first page, comes back empty.
    const empty = { payload: { orderId: 0, status: "", orders: [] }, errors: [], hasErrors: false };
    fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: empty }, 1, 2);
    const created = await ll.orders.create({ templateId: 12345 }, { confirmCandidate: () => true });
    expect(created.recovered).toBe(true);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
    expect(fake.orders.size).toBe(4);
  });

  it("a page that repeats part of the one before yields each item once; one that brings nothing new stops", async () => {
    const page = (ids: number[]) =>
      JSON.stringify({
        payload: { orders: ids.map((id) => ({ id, status: "Draft" })) },
        errors: [],
        hasErrors: false,
      });
    const serve = (pages: number[][]) => {
      let calls = 0;
      const ll = createLettrLabsClient({
        apiKey: "LL-API-x",
        baseUrl: "http://127.0.0.1:9",
        fetch: async (input) => {
          calls++;
          const n = Number(
            new URL(input instanceof Request ? input.url : String(input)).searchParams.get("pageNumber"),
          );
          return new Response(page(pages[n % pages.length] ?? []), {
            headers: { "content-type": "application/json" },
          });
        },
      });
      return { ll, calls: () => calls };
    };
    const collect = async (ll: ReturnType<typeof createLettrLabsClient>) => {
      const seen: number[] = [];
      const error = await (async () => {
        for await (const o of ll.orders.iterate({ pageSize: 2 })) seen.push(o.id);
      })().catch((e: unknown) => e);
      return { seen, error };
    };
    // An insert shifted the offsets: page 1 starts with the last order of page 0.
    const shifted = serve([[1, 2], [2, 3], []]);
    expect(await collect(shifted.ll)).toEqual({ seen: [1, 2, 3], error: undefined });
    // Two full pages served in turn, forever: stopped on the third read, not looped.
    const alternating = serve([
      [1, 2],
      [3, 4],
    ]);
    const { seen, error } = await collect(alternating.ll);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(error).toBeInstanceOf(LettrLabsInvalidResponseError);
    expect(alternating.calls()).toBe(3);
    // A static server (a mock) serving one short page for every page number: that page is the list.
    const still = serve([[7]]);
    expect(await collect(still.ll)).toEqual({ seen: [7], error: undefined });
    expect(still.calls()).toBe(3);
  });

  it("append keeps two recipients whose fields differ only in where a | sits (neither is a duplicate)", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const at = { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" };
    const summary = await ll.orders.recipients.append(order.id, [
      { address: at, personal: { firstName: "Jo / Ann|Smith", lastName: "x" } },
      { address: at, personal: { firstName: "Jo / Ann", lastName: "Smith|x" } },
    ]);
    expect(summary.duplicates).toEqual([]);
    expect(order.recipients).toHaveLength(2);
    // And a resumed run finds both on the order: nothing is sent again.
    const posts = fake.requests.length;
    await ll.orders.recipients.append(
      order.id,
      [
        { address: at, personal: { firstName: "Jo / Ann|Smith", lastName: "x" } },
        { address: at, personal: { firstName: "Jo / Ann", lastName: "Smith|x" } },
      ],
      { resume: true },
    );
    expect(fake.requests.slice(posts).filter((r) => r.method !== "GET")).toEqual([]);
    expect(order.recipients).toHaveLength(2);
  });

  it("gets one order and cancels it", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    expect((await ll.orders.retrieve(order.id)).status).toBe("Draft");
    expect((await ll.orders.delete(order.id)).status).toBe("Deleted");
    await expect(ll.orders.retrieve(order.id)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("removes recipients and previews the price", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    await ll.orders.recipients.append(order.id, recipients(4));
    const ids = order.recipients.slice(0, 2).map((r) => r.id);
    await ll.orders.recipients.delete(order.id, ids);
    expect(order.recipients).toHaveLength(2);
    const preview = await ll.orders.checkout.preview(order.id, { postage: "FirstClass" });
    expect(preview.totalCharges).toBeCloseTo(6.2);
    const status = await ll.orders.deliveryStatus(order.id);
    expect(status.recipients).toHaveLength(2);
    // A preview without its line items (what counts the cards) is no preview (review 194).
    for (const lineItems of [null, undefined, "3 cards"]) {
      fake.inject("GET", /\/checkout$/, {
        kind: "status",
        status: 200,
        body: { payload: { orderId: order.id, totalCharges: 6.2, lineItems }, errors: [], hasErrors: false },
      });
      await expect(ll.orders.checkout.preview(order.id, { postage: "FirstClass" })).rejects.toMatchObject({
        kind: "invalid_response",
      });
    }
  });
});
