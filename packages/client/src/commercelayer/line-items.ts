import type { CommerceLayer } from "@orderkit/types";
import { abortable, signalProblem } from "../core/abort-listeners.js";
import { TransportError } from "../core/errors.js";
import { oneAtATime, type WriteTurn } from "../core/one-at-a-time.js";
import { type Recovery, safeWrite, waitToReadBack } from "../core/safe-write.js";
import { shown } from "../core/shown.js";
import {
  type CommerceLayerContext,
  clId,
  clList,
  clObjects,
  clOne,
  clSafeWriteErrors,
  clSend,
  lookupTextProblem,
  type RequestOptions,
  toClError,
} from "./call.js";
import { commerceLayerError } from "./errors.js";
import type { FlatLineItem, WithDocument } from "./jsonapi.js";
import { toSpecQuery } from "./query.js";

type Schemas = CommerceLayer.components["schemas"];
/** Input of `lineItems.create`: the attributes plus the order's id. */
export type LineItemCreateInput = CommerceLayer.LineItemCreateAttributes & {
  /** Id of the order to add the item to. */
  order: string;
};
export type LineItemResult = FlatLineItem & WithDocument<Schemas["LineItemDocument"]>;

/** Input of `lineItems.set`: the order, the SKU, and how many of it the order must hold. */
export interface LineItemSetInput {
  /** Id of the order. */
  order: string;
  sku_code: string;
  /** A whole number from 1. */
  quantity: number;
}

const operation = "setLineItemQuantity";

/** The order's lines of one SKU, at most 25 (more than one is already a conflict for `set`). */
async function linesOf(
  ctx: CommerceLayerContext,
  orderId: string,
  sku: string,
  options: RequestOptions,
): Promise<FlatLineItem[]> {
  const query = { filter: { sku_code_eq: sku }, page: { size: 25 } };
  const page = await clList<FlatLineItem, Schemas["LineItemListDocument"]>(
    ctx,
    "listOrderLineItems",
    "line_items",
    query,
    (sent) =>
      ctx.raw.GET("/orders/{orderId}/line_items", {
        params: { path: { orderId }, query: toSpecQuery(sent) as never },
        signal: options.signal,
      }),
  );
  // The count is what says the page holds every line: a list without it proves nothing (a line
  // "missing" from it would be created twice).
  if (typeof page.$document.meta?.record_count !== "number")
    throw commerceLayerError("invalid_response", {
      message: `The line items of order ${orderId} came without their count (meta.record_count): nothing was changed.`,
      operation,
    });
  // A server (or mock) that ignored the filter could hide the SKU's line on a later page: refuse.
  if ((page.meta.recordCount ?? 0) > page.length)
    throw commerceLayerError("conflict", {
      message: `Order ${orderId} lists ${page.meta.recordCount} lines for ${sku}: more than one page; nothing was changed.`,
      operation,
    });
  // Filtered here too: another SKU's line must never be taken for this one.
  return [...page].filter((li) => li.sku_code === sku);
}

/** Options of `lineItems.set`. */
export type LineItemSetOptions = RequestOptions & {
  /**
   * An earlier call (another process's, say) may still be landing: wait `settleMs` before the
   * first read of the order's lines, so that its line is found rather than created again.
   */
  resume?: boolean | undefined;
  /**
   * Called once, after the order's lines were read and only when a write is needed, before it is
   * sent; nothing is sent until it resolves, and nothing at all if it throws (its error is thrown
   * as is) or the signal aborts meanwhile. A caller that records its writes (the CLI, so that a
   * killed run is resumed) records here, so that a call that failed before writing leaves no
   * record. It must not call `set` on the same order and SKU: that call would wait for this one.
   */
  beforeWrite?: (() => Promise<void> | void) | undefined;
  /**
   * Called (and awaited) when a create is answered, but not as asked (say, with the SKU code in
   * another form), before it is read back: the server took it, and it must not be sent again (the
   * call then throws an error `answeredOtherwise` is true for). A caller that records its writes
   * records that here.
   */
  onAnswered?: ((problem: string) => Promise<void> | void) | undefined;
};

/** `lineItems.set` (documented there). */
async function setLineItem(
  ctx: CommerceLayerContext,
  input: LineItemSetInput,
  options: LineItemSetOptions = {},
): Promise<FlatLineItem> {
  clObjects(operation, { input, options });
  const orderId = clId(input.order, "order");
  const { sku_code: sku, quantity } = input;
  const bad =
    lookupTextProblem("sku_code", sku) ??
    (!(Number.isSafeInteger(quantity) && quantity >= 1)
      ? `quantity must be a whole number from 1, got ${String(quantity)}.`
      : undefined);
  if (bad) throw commerceLayerError("invalid_argument", { message: bad, operation });
  const badOption =
    signalProblem(options.signal) ??
    (options.beforeWrite !== undefined && typeof options.beforeWrite !== "function"
      ? commerceLayerError("invalid_argument", { message: "`beforeWrite` is not a function." })
      : options.onAnswered !== undefined && typeof options.onAnswered !== "function"
        ? commerceLayerError("invalid_argument", { message: "`onAnswered` is not a function." })
        : undefined);
  if (badOption) throw toClError(ctx, badOption, operation);
  // One `set` of an order's SKU at a time in this process, whatever base URL names its server (one
  // server may have several names: an alias, its address; no key of a name tells them apart): two
  // at once would both read no line and both create one. The same order id and SKU on two servers
  // only take turns. After one whose write left and was not refused (aborted while sending, no
  // answer, ambiguous), the next waits `settleMs` more before its own read, as a read-back would:
  // that write may still land, and reading sooner, the next call could write again what then lands.
  return oneAtATime(
    JSON.stringify(["lineItems.set", orderId, sku]),
    options.signal,
    (error) => toClError(ctx, error, operation),
    ctx.settleMs,
    (turn) => setOnce(ctx, orderId, sku, quantity, options, turn),
  );
}

/** One `set`, alone on its order and SKU in this process (arguments checked). */
async function setOnce(
  ctx: CommerceLayerContext,
  orderId: string,
  sku: string,
  quantity: number,
  options: LineItemSetOptions,
  turn: WriteTurn,
): Promise<FlatLineItem> {
  if (options.resume)
    await waitToReadBack(ctx.settleMs, options.signal).catch((error: unknown) => {
      throw toClError(ctx, error, operation);
    });
  const lines = await linesOf(ctx, orderId, sku, options);
  if (lines.length > 1)
    throw commerceLayerError("conflict", {
      message: `Order ${orderId} has ${lines.length} lines of ${sku} (${lines.map((l) => l.id).join(", ")}): cannot tell which to set; nothing was changed.`,
      operation,
    });
  const [line] = lines;
  if (line?.quantity === quantity) return line;
  // One protocol for both writes: PATCH the line found, or POST a new one; a read-back showing one
  // line of the quantity (the same line, for a PATCH) is applied, the state before is absent.
  const id = line?.id;
  // Raced against the signal: an abort during the hook sends nothing, at once (the hook's own
  // error is the caller's, thrown as is).
  const { beforeWrite, signal } = options;
  if (beforeWrite)
    await abortable(async () => beforeWrite(), signal ?? null).catch((error: unknown) => {
      throw signal?.aborted && error instanceof TransportError ? toClError(ctx, error, operation) : error;
    });
  // From here a write may leave: a failure holds the next call of this SKU (see setLineItem).
  turn.wrote = true;
  // A 2xx answer is taken only when it is the line asked for. Any other answer to a create was
  // taken by the server all the same (say, one that keeps SKU codes otherwise than sent): it is
  // read back, and never created again (safeWrite's `check`). A PATCH sets the quantity whole, so
  // one answered otherwise is read back like any uncertain write, and may be sent again.
  const problem = (answer: FlatLineItem): string | undefined =>
    answer.type !== "line_items" ||
    answer.sku_code !== sku ||
    answer.quantity !== quantity ||
    (id !== undefined && answer.id !== id)
      ? `answered with ${shown(answer.type)} ${shown(answer.id)} of ${shown(answer.sku_code)}, quantity ${shown(answer.quantity)}, not ${id === undefined ? "a new line" : `line ${id}`} of ${shown(sku)}, quantity ${quantity}`
      : undefined;
  const patched = (answer: FlatLineItem): FlatLineItem => {
    const wrong = problem(answer);
    if (wrong)
      throw commerceLayerError("invalid_response", { message: `${operation}: ${wrong}.`, operation });
    return answer;
  };
  return safeWrite<FlatLineItem>(ctx, clSafeWriteErrors(ctx), {
    operation,
    attempt: () =>
      id
        ? clOne<FlatLineItem, Schemas["LineItemDocument"]>(ctx, operation, undefined, () =>
            ctx.raw.PATCH("/line_items/{lineItemId}", {
              params: { path: { lineItemId: id } },
              body: { data: { type: "line_items", id, attributes: { quantity } } },
              signal: options.signal,
            }),
          ).then(patched)
        : clOne<FlatLineItem, Schemas["LineItemDocument"]>(ctx, operation, undefined, () =>
            ctx.raw.POST("/line_items", {
              body: {
                data: {
                  type: "line_items",
                  attributes: { sku_code: sku, quantity },
                  relationships: { order: { data: { type: "orders", id: orderId } } },
                },
              },
              signal: options.signal,
            }),
          ),
    check: id === undefined ? problem : undefined,
    onAnswered: options.onAnswered,
    afterEarlierCall: options.resume,
    probe: async (): Promise<Recovery<FlatLineItem>> => {
      const found = await linesOf(ctx, orderId, sku, options);
      const [only] = found;
      // The line PATCHed, alone: applied when it holds the quantity, else the PATCH is sent again.
      if (id !== undefined && found.length === 1 && only?.id === id)
        return only.quantity === quantity ? { state: "applied", value: only } : { state: "absent" };
      // A line being created: no line is absent; one of the quantity is this call's. One of another
      // quantity appeared from elsewhere (another writer, a late request): never a second line.
      if (id === undefined && found.length === 0) return { state: "absent" };
      if (id === undefined && found.length === 1 && only?.quantity === quantity)
        return { state: "applied", value: only };
      return {
        state: "ambiguous",
        message: `Order ${orderId} has ${found.length} lines of ${sku}, not the one line of ${quantity} asked for.`,
        candidates: found.map((l) => l.id),
      };
    },
    signal: options.signal,
  });
}

export function createClLineItems(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    /**
     * Adds a line item to an order, on every call: not retried, and not safe to repeat. With
     * `_update_quantity: true` a repeated add goes into the SKU's existing line, but whether it then
     * adds its quantity again is not documented. To set a SKU's quantity in a way that can be
     * repeated, use `set`.
     */
    async create(input: LineItemCreateInput, options: RequestOptions = {}): Promise<LineItemResult> {
      clObjects("createLineItem", { input, options });
      const { order, ...attributes } = input;
      const orderId = clId(order, "order");
      return clOne(ctx, "createLineItem", "line_items", () =>
        raw.POST("/line_items", {
          body: {
            data: {
              type: "line_items",
              attributes,
              relationships: { order: { data: { type: "orders", id: orderId } } },
            },
          },
          signal: options.signal,
        }),
      );
    },
    /**
     * Makes the order hold `quantity` of `sku_code`, on one line, however often it runs. The
     * order's lines of that SKU are read first. None: one is created, by the safe-write protocol
     * (after a failure that may have been applied, the lines are read back: one is this call's,
     * none is sent again, several are `ambiguous_write`). One: its quantity is set (a PATCH, which
     * repeats harmlessly; nothing is sent when it already matches). Several: `conflict`, nothing
     * changed. Unlike `create` (which adds a line, or with `_update_quantity` merges into one), a
     * repeat after a timeout, a lost answer or a killed process leaves the order as asked, as long
     * as the earlier request landed within `settleMs` of its failure (`resume: true` for a request
     * of another process); one applied later still can add a second line. One writer per order and
     * SKU at a time: calls in one process wait for each other (per order and SKU), but two
     * processes that both find no line both create one (the CLI locks each order and SKU).
     */
    set: (input: LineItemSetInput, options?: LineItemSetOptions) => setLineItem(ctx, input, options),
    async retrieve(lineItemId: string, options: RequestOptions = {}): Promise<LineItemResult> {
      const id = clId(lineItemId, "lineItemId");
      return clOne(ctx, "retrieveLineItem", "line_items", () =>
        raw.GET("/line_items/{lineItemId}", { params: { path: { lineItemId: id } }, signal: options.signal }),
      );
    },
    /** Changes a line item (e.g. its quantity). */
    async update(
      lineItemId: string,
      attributes: CommerceLayer.LineItemUpdateAttributes,
      options: RequestOptions = {},
    ): Promise<LineItemResult> {
      const id = clId(lineItemId, "lineItemId");
      return clOne(ctx, "updateLineItem", "line_items", () =>
        raw.PATCH("/line_items/{lineItemId}", {
          params: { path: { lineItemId: id } },
          body: { data: { type: "line_items", id, attributes } },
          signal: options.signal,
        }),
      );
    },
    /** Removes a line item from its order. */
    async delete(lineItemId: string, options: RequestOptions = {}): Promise<void> {
      const id = clId(lineItemId, "lineItemId");
      await clSend(ctx, "deleteLineItem", () =>
        raw.DELETE("/line_items/{lineItemId}", {
          params: { path: { lineItemId: id } },
          signal: options.signal,
        }),
      );
    },
  };
}
