import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { type ClCallOptions, type CommerceLayerContext, clId, clSend } from "./call.js";
import { type FlatCustomer, flattenList, flattenOne } from "./jsonapi.js";
import { type ListQuery, toSpecQuery } from "./query.js";

type Include = NonNullable<
  NonNullable<operations["listCustomers"]["parameters"]["query"]>["include"]
>[number];
type Schemas = CommerceLayer.components["schemas"];
/** Options of `customers.list`. */
export type CustomerListQuery = ListQuery<
  CommerceLayer.CustomerFilter,
  CommerceLayer.CustomerSortField,
  Include
>;

export function createClCustomers(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    async list(query: CustomerListQuery = {}, options: ClCallOptions = {}) {
      const doc = await clSend(ctx, "listCustomers", () =>
        raw.GET("/customers", { params: { query: toSpecQuery(query) as never }, signal: options.signal }),
      );
      return flattenList<FlatCustomer, Schemas["CustomerListDocument"]>(doc);
    },
    /** Creates a customer. Not retried (a repeat with the same email answers 409 or 422). */
    async create(attributes: CommerceLayer.CustomerCreateAttributes, options: ClCallOptions = {}) {
      const doc = await clSend(ctx, "createCustomer", () =>
        raw.POST("/customers", { body: { data: { type: "customers", attributes } }, signal: options.signal }),
      );
      return flattenOne<FlatCustomer, Schemas["CustomerDocument"]>(doc);
    },
    async retrieve(customerId: string, options: ClCallOptions = {}) {
      const id = clId(customerId, "customerId");
      const doc = await clSend(ctx, "retrieveCustomer", () =>
        raw.GET("/customers/{customerId}", { params: { path: { customerId: id } }, signal: options.signal }),
      );
      return flattenOne<FlatCustomer, Schemas["CustomerDocument"]>(doc);
    },
  };
}
