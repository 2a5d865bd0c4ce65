import type { LettrLabs } from "@orderkit/types";
import { type Page, toPage } from "../core/page.js";
import { paginate } from "../core/paginate.js";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { lettrLabsError, listStalled } from "./errors.js";
import { sendPlainWrite } from "./plain-write.js";
import { arrayShape, objectShape } from "./shapes.js";

/** Paging of `conversions.list`. */
export type ConversionsQuery = NonNullable<LettrLabs.operations["getConversions"]["parameters"]["query"]>;

export function createConversions(ctx: LettrLabsContext) {
  const { raw } = ctx;

  async function list(
    query: ConversionsQuery = {},
    options: RequestOptions = {},
  ): Promise<Page<LettrLabs.ConversionRecord>> {
    const records = await sendPayload(
      ctx,
      "getConversions",
      () => raw.GET("/v1/conversions", { params: { query }, signal: options.signal }),
      arrayShape,
    );
    return toPage(records, { pageNumber: query.pageNumber, pageSize: query.pageSize });
  }

  return {
    /** One page of recorded conversions. */
    list,
    /** Every recorded conversion, page after page. */
    iterate(
      query: ConversionsQuery = {},
      options: RequestOptions = {},
    ): AsyncGenerator<LettrLabs.ConversionRecord, void, undefined> {
      const pageSize = query.pageSize ?? 100;
      return paginate(
        (pageNumber, size) => list({ ...query, pageNumber, pageSize: size }, options),
        pageSize,
        {
          invalid: listStalled("getConversions"),
          firstPage: query.pageNumber ?? 0,
          identity: (c) => c.id,
        },
      );
    },
    /**
     * Records conversions; valid ones are kept even when others are invalid. Not retried: pass
     * your own `orderId` on each so that a repeated upload is recognised as a duplicate. A
     * failure once it was sent (no answer, a 5xx) is `ambiguous_write`.
     */
    async create(
      conversions: readonly LettrLabs.Conversion[],
      options: RequestOptions = {},
    ): Promise<LettrLabs.ConversionResult[]> {
      if (!Array.isArray(conversions))
        throw lettrLabsError("invalid_argument", {
          message: "createConversions: conversions must be an array.",
          operation: "createConversions",
        });
      return sendPlainWrite(
        ctx,
        "createConversions",
        "check the recorded conversions (`conversions.list()`)",
        () => raw.POST("/v1/conversions", { body: [...conversions], signal: options.signal }),
        arrayShape,
      );
    },
    /** Deletes a conversion. */
    async delete(conversionId: number, options: RequestOptions = {}) {
      const id = idParam(ctx, conversionId, "conversionId");
      return sendPayload(ctx, "deleteConversion", () =>
        raw.DELETE("/v1/conversions/{id}", { params: { path: { id } }, signal: options.signal }),
      );
    },
    /** Processing status of a conversion upload. */
    async status(conversionId: number, options: RequestOptions = {}): Promise<LettrLabs.ConversionStatus> {
      const id = idParam(ctx, conversionId, "conversionId");
      return sendPayload(
        ctx,
        "getConversionStatus",
        () => raw.GET("/v1/conversions/{id}/status", { params: { path: { id } }, signal: options.signal }),
        objectShape,
      );
    },
  };
}
