import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { type CommerceLayerContext, clId, clList, clOne, type RequestOptions } from "./call.js";
import type { FlatCustomer } from "./jsonapi.js";
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
    async list(query: CustomerListQuery = {}, options: RequestOptions = {}) {
      return clList<FlatCustomer, Schemas["CustomerListDocument"]>(
        ctx,
        "listCustomers",
        "customers",
        query,
        (sent) =>
          raw.GET("/customers", { params: { query: toSpecQuery(sent) as never }, signal: options.signal }),
      );
    },
    /** Creates a customer. Not retried (a repeat with the same email answers 409 or 422). */
    async create(attributes: CommerceLayer.CustomerCreateAttributes, options: RequestOptions = {}) {
      return clOne<FlatCustomer, Schemas["CustomerDocument"]>(ctx, "createCustomer", "customers", () =>
        raw.POST("/customers", { body: { data: { type: "customers", attributes } }, signal: options.signal }),
      );
    },
    async retrieve(customerId: string, options: RequestOptions = {}) {
      const id = clId(customerId, "customerId");
      return clOne<FlatCustomer, Schemas["CustomerDocument"]>(ctx, "retrieveCustomer", "customers", () =>
        raw.GET("/customers/{customerId}", { params: { path: { customerId: id } }, signal: options.signal }),
      );
    },
  };
}
