import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { type CommerceLayerContext, clId, clList, clOne, type RequestOptions } from "./call.js";
import type { FlatMarket } from "./jsonapi.js";
import { type ListQuery, toSpecQuery } from "./query.js";

type Include = NonNullable<NonNullable<operations["listMarkets"]["parameters"]["query"]>["include"]>[number];
type Schemas = CommerceLayer.components["schemas"];
/** Options of `markets.list`. */
export type MarketListQuery = ListQuery<CommerceLayer.MarketFilter, CommerceLayer.MarketSortField, Include>;

export function createClMarkets(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    async list(query: MarketListQuery = {}, options: RequestOptions = {}) {
      return clList<FlatMarket, Schemas["MarketListDocument"]>(ctx, "listMarkets", "markets", query, (sent) =>
        raw.GET("/markets", { params: { query: toSpecQuery(sent) as never }, signal: options.signal }),
      );
    },
    async retrieve(marketId: string, options: RequestOptions = {}) {
      const id = clId(marketId, "marketId");
      return clOne<FlatMarket, Schemas["MarketDocument"]>(ctx, "retrieveMarket", "markets", () =>
        raw.GET("/markets/{marketId}", { params: { path: { marketId: id } }, signal: options.signal }),
      );
    },
  };
}
