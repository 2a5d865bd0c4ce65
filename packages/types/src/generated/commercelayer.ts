/**
 * GENERATED FILE - DO NOT EDIT.
 * Made by `pnpm --filter @orderkit/types generate` (packages/types/scripts/generate.mjs)
 * with openapi-typescript from spec/commercelayer/openapi.yaml. Edit the spec and regenerate.
 */
export interface paths {
    "/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an address
         * @description zip_code is required except in countries without postal codes; first_name and last_name are required unless business is true (then company is).
         */
        post: operations["createAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/addresses/{addressId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example BgnguJvXoS
                 */
                addressId: components["parameters"]["AddressId"];
            };
            cookie?: never;
        };
        /** Retrieve an address */
        get: operations["retrieveAddress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers */
        get: operations["listCustomers"];
        put?: never;
        /** Create a customer */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example dGQpBhLRmE
                 */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        /** Retrieve a customer */
        get: operations["retrieveCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/line_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a line item to an order
         * @description Not idempotent; _update_quantity: true merges into an existing line of the same item instead of adding one.
         */
        post: operations["createLineItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/line_items/{lineItemId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example oDkxsWpxgK
                 */
                lineItemId: components["parameters"]["LineItemId"];
            };
            cookie?: never;
        };
        /** Retrieve a line item */
        get: operations["retrieveLineItem"];
        put?: never;
        post?: never;
        /** Remove a line item */
        delete: operations["deleteLineItem"];
        options?: never;
        head?: never;
        /** Update a line item */
        patch: operations["updateLineItem"];
        trace?: never;
    };
    "/markets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List markets */
        get: operations["listMarkets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/markets/{marketId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example vlkaZhkGNo
                 */
                marketId: components["parameters"]["MarketId"];
            };
            cookie?: never;
        };
        /** Retrieve a market */
        get: operations["retrieveMarket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token
         * @description OAuth2 token endpoint on the authentication host (not the organization host). Limited to 30 requests a minute per IP: cache tokens until shortly before they expire.
         */
        post: operations["getAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders
         * @description Sales-channel tokens cannot list orders (401). Use keyset pagination (sort=id, filter[q][id_gt]=<last id>) rather than deep page numbers.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Create an order
         * @description Not idempotent: set reference to your own id so a retry can look the order up (filter[q][reference_eq]) instead of creating a second one.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Retrieve an order */
        get: operations["retrieveOrder"];
        put?: never;
        post?: never;
        /**
         * Delete an order
         * @description Placed orders cannot be deleted (archive them with _archive).
         */
        delete: operations["deleteOrder"];
        options?: never;
        head?: never;
        /** Update an order, or run a trigger */
        patch: operations["updateOrder"];
        trace?: never;
    };
    "/orders/{orderId}/billing_address": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Retrieve an order's billing address */
        get: operations["retrieveOrderBillingAddress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/customer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Retrieve an order's customer */
        get: operations["retrieveOrderCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/line_items": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** List the line items of an order */
        get: operations["listOrderLineItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/market": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Retrieve an order's market */
        get: operations["retrieveOrderMarket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** List the shipments of an order */
        get: operations["listOrderShipments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/shipping_address": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Retrieve an order's shipping address */
        get: operations["retrieveOrderShippingAddress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A address resource object. */
        Address: {
            attributes: components["schemas"]["AddressAttributes"];
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: components["schemas"]["AddressRelationships"];
            /** @constant */
            type: "addresses";
        };
        /** @description Attributes of a address as the API returns them: all of them, unless a sparse fieldset (fields[...]) asks for fewer. Which attributes may be null is inferred. */
        AddressAttributes: {
            billing_info: string | null;
            business: boolean;
            city: string;
            company: string | null;
            country_code: string;
            /** Format: date-time */
            created_at: string;
            email: string | null;
            first_name: string | null;
            full_address: string;
            full_name: string | null;
            is_geocoded: boolean;
            is_localized: boolean;
            last_name: string | null;
            lat: number | null;
            line_1: string;
            line_2: string | null;
            lng: number | null;
            map_url: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            name: string;
            notes: string | null;
            phone: string;
            provider_name: string | null;
            reference: string | null;
            reference_origin: string | null;
            state_code: string | null;
            static_map_url: string | null;
            /** Format: date-time */
            updated_at: string;
            zip_code: string | null;
        };
        AddressCreateAttributes: {
            billing_info?: string | null;
            business?: boolean;
            city: string;
            company?: string | null;
            country_code: string;
            email?: string | null;
            first_name?: string | null;
            last_name?: string | null;
            lat?: number | null;
            line_1: string;
            line_2?: string | null;
            lng?: number | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            notes?: string | null;
            phone: string;
            reference?: string | null;
            reference_origin?: string | null;
            state_code?: string | null;
            zip_code?: string | null;
        };
        AddressCreateDocument: {
            data: {
                attributes: components["schemas"]["AddressCreateAttributes"];
                relationships?: components["schemas"]["AddressCreateRelationships"];
                /** @constant */
                type: "addresses";
            };
        };
        AddressCreateRelationships: {
            geocoder?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "geocoders";
                };
            };
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        AddressDocument: {
            data: components["schemas"]["Address"];
            included?: components["schemas"]["Included"];
        };
        /** @enum {string} */
        AddressFieldName: "business" | "first_name" | "last_name" | "company" | "full_name" | "line_1" | "line_2" | "city" | "zip_code" | "state_code" | "country_code" | "phone" | "full_address" | "name" | "email" | "notes" | "lat" | "lng" | "is_localized" | "is_geocoded" | "provider_name" | "map_url" | "static_map_url" | "billing_info" | "created_at" | "updated_at" | "reference" | "reference_origin" | "metadata" | "geocoder" | "events" | "tags" | "versions" | "event_stores";
        AddressRelationships: {
            event_stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "event_stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            events?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "events";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            geocoder?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "geocoders";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            tags?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            versions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "versions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
        };
        /** @description A customer resource object. */
        Customer: {
            attributes: components["schemas"]["CustomerAttributes"];
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: components["schemas"]["CustomerRelationships"];
            /** @constant */
            type: "customers";
        };
        /** @description Attributes of a customer as the API returns them: all of them, unless a sparse fieldset (fields[...]) asks for fewer. Which attributes may be null is inferred. */
        CustomerAttributes: {
            anonymization_info: {
                [key: string]: unknown;
            } | null;
            anonymization_status: string | null;
            /** Format: date-time */
            created_at: string;
            email: string;
            has_password: boolean;
            jwt_custom_claim: {
                [key: string]: unknown;
            } | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            profile_id: string;
            reference: string | null;
            reference_origin: string | null;
            shopper_reference: string;
            /** @enum {string} */
            status: "prospect" | "acquired" | "repeat";
            tax_exemption_code: string | null;
            total_orders_count: number;
            /** Format: date-time */
            updated_at: string;
        };
        CustomerCreateAttributes: {
            email: string;
            metadata?: {
                [key: string]: unknown;
            } | null;
            password?: string | null;
            profile_id?: string | null;
            reference?: string | null;
            reference_origin?: string | null;
            shopper_reference?: string | null;
            tax_exemption_code?: string | null;
        };
        CustomerCreateDocument: {
            data: {
                attributes: components["schemas"]["CustomerCreateAttributes"];
                relationships?: components["schemas"]["CustomerCreateRelationships"];
                /** @constant */
                type: "customers";
            };
        };
        CustomerCreateRelationships: {
            customer_group?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "customer_groups";
                };
            };
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        CustomerDocument: {
            data: components["schemas"]["Customer"];
            included?: components["schemas"]["Included"];
        };
        /** @enum {string} */
        CustomerFieldName: "email" | "status" | "has_password" | "total_orders_count" | "shopper_reference" | "profile_id" | "tax_exemption_code" | "created_at" | "updated_at" | "reference" | "reference_origin" | "jwt_custom_claim" | "metadata" | "anonymization_info" | "anonymization_status" | "customer_group" | "customer_addresses" | "customer_payment_sources" | "customer_subscriptions" | "orders" | "order_subscriptions" | "returns" | "sku_lists" | "attachments" | "events" | "tags" | "jwt_customer" | "jwt_markets" | "jwt_stock_locations" | "event_stores";
        /** @description Ransack predicates on filterable attributes (attribute_predicate). Lists are sent comma-separated. Combined filters are ANDed. */
        CustomerFilter: {
            anonymization_status_blank?: boolean;
            anonymization_status_cont?: string;
            anonymization_status_end?: string;
            anonymization_status_eq?: string;
            anonymization_status_eq_or_null?: string;
            anonymization_status_in?: string[];
            anonymization_status_matches?: string;
            anonymization_status_not_cont?: string;
            anonymization_status_not_eq?: string;
            anonymization_status_not_in?: string[];
            anonymization_status_not_null?: boolean;
            anonymization_status_null?: boolean;
            anonymization_status_present?: boolean;
            anonymization_status_start?: string;
            /** Format: date-time */
            created_at_eq?: string;
            /** Format: date-time */
            created_at_gt?: string;
            /** Format: date-time */
            created_at_gteq?: string;
            created_at_in?: string[];
            /** Format: date-time */
            created_at_lt?: string;
            /** Format: date-time */
            created_at_lteq?: string;
            /** Format: date-time */
            created_at_not_eq?: string;
            created_at_not_in?: string[];
            created_at_not_null?: boolean;
            created_at_null?: boolean;
            customer_group_id_eq?: string;
            customer_group_id_in?: string[];
            email_blank?: boolean;
            email_cont?: string;
            email_end?: string;
            email_eq?: string;
            email_eq_or_null?: string;
            email_in?: string[];
            email_matches?: string;
            email_not_cont?: string;
            email_not_eq?: string;
            email_not_in?: string[];
            email_not_null?: boolean;
            email_null?: boolean;
            email_present?: boolean;
            email_start?: string;
            id_blank?: boolean;
            id_cont?: string;
            id_end?: string;
            id_eq?: string;
            id_eq_or_null?: string;
            id_in?: string[];
            id_matches?: string;
            id_not_cont?: string;
            id_not_eq?: string;
            id_not_in?: string[];
            id_not_null?: boolean;
            id_null?: boolean;
            id_present?: boolean;
            id_start?: string;
            jwt_customer_id_eq?: string;
            jwt_customer_id_in?: string[];
            metadata_jcont?: {
                [key: string]: unknown;
            };
            metadata_not_null?: boolean;
            metadata_null?: boolean;
            reference_blank?: boolean;
            reference_cont?: string;
            reference_end?: string;
            reference_eq?: string;
            reference_eq_or_null?: string;
            reference_in?: string[];
            reference_matches?: string;
            reference_not_cont?: string;
            reference_not_eq?: string;
            reference_not_in?: string[];
            reference_not_null?: boolean;
            reference_null?: boolean;
            reference_origin_blank?: boolean;
            reference_origin_cont?: string;
            reference_origin_end?: string;
            reference_origin_eq?: string;
            reference_origin_eq_or_null?: string;
            reference_origin_in?: string[];
            reference_origin_matches?: string;
            reference_origin_not_cont?: string;
            reference_origin_not_eq?: string;
            reference_origin_not_in?: string[];
            reference_origin_not_null?: boolean;
            reference_origin_null?: boolean;
            reference_origin_present?: boolean;
            reference_origin_start?: string;
            reference_present?: boolean;
            reference_start?: string;
            status_blank?: boolean;
            status_cont?: string;
            status_end?: string;
            /** @enum {string} */
            status_eq?: "prospect" | "acquired" | "repeat";
            /** @enum {string} */
            status_eq_or_null?: "prospect" | "acquired" | "repeat";
            status_in?: ("prospect" | "acquired" | "repeat")[];
            status_matches?: string;
            status_not_cont?: string;
            /** @enum {string} */
            status_not_eq?: "prospect" | "acquired" | "repeat";
            status_not_in?: ("prospect" | "acquired" | "repeat")[];
            status_not_null?: boolean;
            status_null?: boolean;
            status_present?: boolean;
            status_start?: string;
            total_orders_count_eq?: number;
            total_orders_count_gt?: number;
            total_orders_count_gteq?: number;
            total_orders_count_in?: number[];
            total_orders_count_lt?: number;
            total_orders_count_lteq?: number;
            total_orders_count_not_eq?: number;
            total_orders_count_not_in?: number[];
            total_orders_count_not_null?: boolean;
            total_orders_count_null?: boolean;
            /** Format: date-time */
            updated_at_eq?: string;
            /** Format: date-time */
            updated_at_gt?: string;
            /** Format: date-time */
            updated_at_gteq?: string;
            updated_at_in?: string[];
            /** Format: date-time */
            updated_at_lt?: string;
            /** Format: date-time */
            updated_at_lteq?: string;
            /** Format: date-time */
            updated_at_not_eq?: string;
            updated_at_not_in?: string[];
            updated_at_not_null?: boolean;
            updated_at_null?: boolean;
        };
        CustomerListDocument: {
            data: components["schemas"]["Customer"][];
            included?: components["schemas"]["Included"];
            links?: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        CustomerRelationships: {
            attachments?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "attachments";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer_addresses?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_addresses";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer_group?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_groups";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer_payment_sources?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_payment_sources";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer_subscriptions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_subscriptions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            event_stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "event_stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            events?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "events";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            jwt_customer?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customers";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            jwt_markets?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "markets";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            jwt_stock_locations?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_locations";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_subscriptions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "order_subscriptions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            orders?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "orders";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            returns?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "returns";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            sku_lists?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "sku_lists";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            tags?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
        };
        /**
         * @description A sortable attribute; a leading "-" sorts descending.
         * @enum {string}
         */
        CustomerSortField: "email" | "-email" | "status" | "-status" | "total_orders_count" | "-total_orders_count" | "id" | "-id" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "reference" | "-reference" | "reference_origin" | "-reference_origin" | "anonymization_status" | "-anonymization_status";
        ErrorDocument: {
            errors: components["schemas"]["ErrorObject"][];
        };
        ErrorObject: {
            /** @description For example VALIDATION_ERROR, INVALID_TOKEN, UNAUTHORIZED, RECORD_NOT_FOUND. */
            code?: string;
            detail?: string;
            meta?: {
                [key: string]: unknown;
            };
            source?: {
                parameter?: string;
                /** @description JSON pointer to the offending member, e.g. /data/attributes/quantity. */
                pointer?: string;
            };
            /** @description The HTTP status, as a string. */
            status: string;
            title: string;
        };
        /** @description Any other included resource. */
        GenericResource: {
            attributes?: {
                [key: string]: unknown;
            };
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: {
                [key: string]: unknown;
            };
            type: string;
        };
        /** @description Resources named in include=, each once. */
        Included: (components["schemas"]["Order"] | components["schemas"]["LineItem"] | components["schemas"]["Market"] | components["schemas"]["Customer"] | components["schemas"]["Address"] | components["schemas"]["Shipment"] | components["schemas"]["GenericResource"])[];
        /** @description A line item resource object. */
        LineItem: {
            attributes: components["schemas"]["LineItemAttributes"];
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: components["schemas"]["LineItemRelationships"];
            /** @constant */
            type: "line_items";
        };
        /** @description Attributes of a line item as the API returns them: all of them, unless a sparse fieldset (fields[...]) asks for fewer. Which attributes may be null is inferred. */
        LineItemAttributes: {
            _external_price: boolean | null;
            bundle_code: string | null;
            circuit_failure_count: number;
            circuit_state: string;
            compare_at_amount_cents: number | null;
            compare_at_amount_float: number | null;
            coupon_code: string | null;
            /** Format: date-time */
            created_at: string;
            currency_code: string;
            discount_breakdown: {
                [key: string]: unknown;
            } | null;
            discount_cents: number;
            discount_float: number;
            formatted_compare_at_amount: string | null;
            formatted_discount: string;
            formatted_options_amount: string;
            formatted_tax_amount: string;
            formatted_total_amount: string;
            formatted_unit_amount: string;
            frequency: string | null;
            image_url: string | null;
            /** @enum {string} */
            item_type: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions";
            metadata: {
                [key: string]: unknown;
            } | null;
            name: string | null;
            options_amount_cents: number;
            options_amount_float: number;
            quantity: number;
            reference: string | null;
            reference_origin: string | null;
            rule_outcomes: {
                [key: string]: unknown;
            } | null;
            sku_code: string | null;
            tax_amount_cents: number;
            tax_amount_float: number;
            tax_breakdown: {
                [key: string]: unknown;
            } | null;
            tax_rate: number | null;
            total_amount_cents: number;
            total_amount_float: number;
            unit_amount_cents: number;
            unit_amount_float: number;
            /** Format: date-time */
            updated_at: string;
        };
        LineItemCreateAttributes: {
            _external_price?: boolean;
            _reserve_stock?: boolean;
            _reset_restocked_quantity?: boolean;
            _update_quantity?: boolean;
            bundle_code?: string | null;
            compare_at_amount_cents?: number | null;
            frequency?: string | null;
            image_url?: string | null;
            /** @enum {string|null} */
            item_type?: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions" | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            name?: string | null;
            quantity: number;
            reference?: string | null;
            reference_origin?: string | null;
            sku_code?: string | null;
            unit_amount_cents?: number | null;
        };
        LineItemCreateDocument: {
            data: {
                attributes: components["schemas"]["LineItemCreateAttributes"];
                relationships: components["schemas"]["LineItemCreateRelationships"];
                /** @constant */
                type: "line_items";
            };
        };
        LineItemCreateRelationships: {
            item?: {
                data: {
                    id: string;
                    /** @enum {string} */
                    type: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions";
                };
            };
            order: {
                data: {
                    id: string;
                    /** @constant */
                    type: "orders";
                };
            };
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        LineItemDocument: {
            data: components["schemas"]["LineItem"];
            included?: components["schemas"]["Included"];
        };
        /** @enum {string} */
        LineItemFieldName: "sku_code" | "bundle_code" | "quantity" | "currency_code" | "unit_amount_cents" | "unit_amount_float" | "formatted_unit_amount" | "compare_at_amount_cents" | "compare_at_amount_float" | "formatted_compare_at_amount" | "options_amount_cents" | "options_amount_float" | "formatted_options_amount" | "discount_cents" | "discount_float" | "formatted_discount" | "total_amount_cents" | "total_amount_float" | "formatted_total_amount" | "tax_amount_cents" | "tax_amount_float" | "formatted_tax_amount" | "name" | "image_url" | "discount_breakdown" | "tax_rate" | "tax_breakdown" | "item_type" | "frequency" | "coupon_code" | "rule_outcomes" | "circuit_state" | "circuit_failure_count" | "created_at" | "updated_at" | "reference" | "reference_origin" | "metadata" | "order" | "item" | "sku" | "bundle" | "adjustment" | "gift_card" | "shipment" | "payment_method" | "line_item_options" | "return_line_items" | "shipment_line_items" | "stock_reservations" | "stock_line_items" | "stock_transfers" | "notifications" | "events" | "tags" | "event_stores";
        /** @description Ransack predicates on filterable attributes (attribute_predicate). Lists are sent comma-separated. Combined filters are ANDed. */
        LineItemFilter: {
            circuit_failure_count_eq?: number;
            circuit_failure_count_gt?: number;
            circuit_failure_count_gteq?: number;
            circuit_failure_count_in?: number[];
            circuit_failure_count_lt?: number;
            circuit_failure_count_lteq?: number;
            circuit_failure_count_not_eq?: number;
            circuit_failure_count_not_in?: number[];
            circuit_failure_count_not_null?: boolean;
            circuit_failure_count_null?: boolean;
            circuit_state_blank?: boolean;
            circuit_state_cont?: string;
            circuit_state_end?: string;
            circuit_state_eq?: string;
            circuit_state_eq_or_null?: string;
            circuit_state_in?: string[];
            circuit_state_matches?: string;
            circuit_state_not_cont?: string;
            circuit_state_not_eq?: string;
            circuit_state_not_in?: string[];
            circuit_state_not_null?: boolean;
            circuit_state_null?: boolean;
            circuit_state_present?: boolean;
            circuit_state_start?: string;
            compare_at_amount_cents_eq?: number;
            compare_at_amount_cents_gt?: number;
            compare_at_amount_cents_gteq?: number;
            compare_at_amount_cents_in?: number[];
            compare_at_amount_cents_lt?: number;
            compare_at_amount_cents_lteq?: number;
            compare_at_amount_cents_not_eq?: number;
            compare_at_amount_cents_not_in?: number[];
            compare_at_amount_cents_not_null?: boolean;
            compare_at_amount_cents_null?: boolean;
            /** Format: date-time */
            created_at_eq?: string;
            /** Format: date-time */
            created_at_gt?: string;
            /** Format: date-time */
            created_at_gteq?: string;
            created_at_in?: string[];
            /** Format: date-time */
            created_at_lt?: string;
            /** Format: date-time */
            created_at_lteq?: string;
            /** Format: date-time */
            created_at_not_eq?: string;
            created_at_not_in?: string[];
            created_at_not_null?: boolean;
            created_at_null?: boolean;
            currency_code_blank?: boolean;
            currency_code_cont?: string;
            currency_code_end?: string;
            currency_code_eq?: string;
            currency_code_eq_or_null?: string;
            currency_code_in?: string[];
            currency_code_matches?: string;
            currency_code_not_cont?: string;
            currency_code_not_eq?: string;
            currency_code_not_in?: string[];
            currency_code_not_null?: boolean;
            currency_code_null?: boolean;
            currency_code_present?: boolean;
            currency_code_start?: string;
            discount_cents_eq?: number;
            discount_cents_gt?: number;
            discount_cents_gteq?: number;
            discount_cents_in?: number[];
            discount_cents_lt?: number;
            discount_cents_lteq?: number;
            discount_cents_not_eq?: number;
            discount_cents_not_in?: number[];
            discount_cents_not_null?: boolean;
            discount_cents_null?: boolean;
            id_blank?: boolean;
            id_cont?: string;
            id_end?: string;
            id_eq?: string;
            id_eq_or_null?: string;
            id_in?: string[];
            id_matches?: string;
            id_not_cont?: string;
            id_not_eq?: string;
            id_not_in?: string[];
            id_not_null?: boolean;
            id_null?: boolean;
            id_present?: boolean;
            id_start?: string;
            image_url_blank?: boolean;
            image_url_cont?: string;
            image_url_end?: string;
            image_url_eq?: string;
            image_url_eq_or_null?: string;
            image_url_in?: string[];
            image_url_matches?: string;
            image_url_not_cont?: string;
            image_url_not_eq?: string;
            image_url_not_in?: string[];
            image_url_not_null?: boolean;
            image_url_null?: boolean;
            image_url_present?: boolean;
            image_url_start?: string;
            item_type_blank?: boolean;
            item_type_cont?: string;
            item_type_end?: string;
            /** @enum {string} */
            item_type_eq?: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions";
            /** @enum {string} */
            item_type_eq_or_null?: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions";
            item_type_in?: ("skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions")[];
            item_type_matches?: string;
            item_type_not_cont?: string;
            /** @enum {string} */
            item_type_not_eq?: "skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions";
            item_type_not_in?: ("skus" | "bundles" | "gift_cards" | "shipments" | "payment_methods" | "adjustments" | "discount_engine_items" | "percentage_discount_promotions" | "free_shipping_promotions" | "buy_x_pay_y_promotions" | "free_gift_promotions" | "fixed_price_promotions" | "external_promotions" | "fixed_amount_promotions" | "flex_promotions")[];
            item_type_not_null?: boolean;
            item_type_null?: boolean;
            item_type_present?: boolean;
            item_type_start?: string;
            metadata_jcont?: {
                [key: string]: unknown;
            };
            metadata_not_null?: boolean;
            metadata_null?: boolean;
            name_blank?: boolean;
            name_cont?: string;
            name_end?: string;
            name_eq?: string;
            name_eq_or_null?: string;
            name_in?: string[];
            name_matches?: string;
            name_not_cont?: string;
            name_not_eq?: string;
            name_not_in?: string[];
            name_not_null?: boolean;
            name_null?: boolean;
            name_present?: boolean;
            name_start?: string;
            options_amount_cents_eq?: number;
            options_amount_cents_gt?: number;
            options_amount_cents_gteq?: number;
            options_amount_cents_in?: number[];
            options_amount_cents_lt?: number;
            options_amount_cents_lteq?: number;
            options_amount_cents_not_eq?: number;
            options_amount_cents_not_in?: number[];
            options_amount_cents_not_null?: boolean;
            options_amount_cents_null?: boolean;
            order_id_eq?: string;
            order_id_in?: string[];
            quantity_eq?: number;
            quantity_gt?: number;
            quantity_gteq?: number;
            quantity_in?: number[];
            quantity_lt?: number;
            quantity_lteq?: number;
            quantity_not_eq?: number;
            quantity_not_in?: number[];
            quantity_not_null?: boolean;
            quantity_null?: boolean;
            reference_blank?: boolean;
            reference_cont?: string;
            reference_end?: string;
            reference_eq?: string;
            reference_eq_or_null?: string;
            reference_in?: string[];
            reference_matches?: string;
            reference_not_cont?: string;
            reference_not_eq?: string;
            reference_not_in?: string[];
            reference_not_null?: boolean;
            reference_null?: boolean;
            reference_origin_blank?: boolean;
            reference_origin_cont?: string;
            reference_origin_end?: string;
            reference_origin_eq?: string;
            reference_origin_eq_or_null?: string;
            reference_origin_in?: string[];
            reference_origin_matches?: string;
            reference_origin_not_cont?: string;
            reference_origin_not_eq?: string;
            reference_origin_not_in?: string[];
            reference_origin_not_null?: boolean;
            reference_origin_null?: boolean;
            reference_origin_present?: boolean;
            reference_origin_start?: string;
            reference_present?: boolean;
            reference_start?: string;
            sku_code_blank?: boolean;
            sku_code_cont?: string;
            sku_code_end?: string;
            sku_code_eq?: string;
            sku_code_eq_or_null?: string;
            sku_code_in?: string[];
            sku_code_matches?: string;
            sku_code_not_cont?: string;
            sku_code_not_eq?: string;
            sku_code_not_in?: string[];
            sku_code_not_null?: boolean;
            sku_code_null?: boolean;
            sku_code_present?: boolean;
            sku_code_start?: string;
            tax_amount_cents_eq?: number;
            tax_amount_cents_gt?: number;
            tax_amount_cents_gteq?: number;
            tax_amount_cents_in?: number[];
            tax_amount_cents_lt?: number;
            tax_amount_cents_lteq?: number;
            tax_amount_cents_not_eq?: number;
            tax_amount_cents_not_in?: number[];
            tax_amount_cents_not_null?: boolean;
            tax_amount_cents_null?: boolean;
            total_amount_cents_eq?: number;
            total_amount_cents_gt?: number;
            total_amount_cents_gteq?: number;
            total_amount_cents_in?: number[];
            total_amount_cents_lt?: number;
            total_amount_cents_lteq?: number;
            total_amount_cents_not_eq?: number;
            total_amount_cents_not_in?: number[];
            total_amount_cents_not_null?: boolean;
            total_amount_cents_null?: boolean;
            unit_amount_cents_eq?: number;
            unit_amount_cents_gt?: number;
            unit_amount_cents_gteq?: number;
            unit_amount_cents_in?: number[];
            unit_amount_cents_lt?: number;
            unit_amount_cents_lteq?: number;
            unit_amount_cents_not_eq?: number;
            unit_amount_cents_not_in?: number[];
            unit_amount_cents_not_null?: boolean;
            unit_amount_cents_null?: boolean;
            /** Format: date-time */
            updated_at_eq?: string;
            /** Format: date-time */
            updated_at_gt?: string;
            /** Format: date-time */
            updated_at_gteq?: string;
            updated_at_in?: string[];
            /** Format: date-time */
            updated_at_lt?: string;
            /** Format: date-time */
            updated_at_lteq?: string;
            /** Format: date-time */
            updated_at_not_eq?: string;
            updated_at_not_in?: string[];
            updated_at_not_null?: boolean;
            updated_at_null?: boolean;
        };
        LineItemListDocument: {
            data: components["schemas"]["LineItem"][];
            included?: components["schemas"]["Included"];
            links?: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        LineItemRelationships: {
            adjustment?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            bundle?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            event_stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "event_stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            events?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "events";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            gift_card?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            item?: {
                data?: {
                    id: string;
                    /** @description Polymorphic: skus, bundles, gift_cards, shipments, payment_methods, adjustments, discount_engine_items, percentage_discount_promotions, free_shipping_promotions, buy_x_pay_y_promotions, free_gift_promotions, fixed_price_promotions, external_promotions, fixed_amount_promotions, flex_promotions */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            line_item_options?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "line_item_options";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            notifications?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "notifications";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            order?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "orders";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            payment_method?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            return_line_items?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "return_line_items";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            shipment?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            shipment_line_items?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "shipment_line_items";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            sku?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_line_items?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_line_items";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_reservations?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_reservations";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_transfers?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_transfers";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            tags?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
        };
        /**
         * @description A sortable attribute; a leading "-" sorts descending.
         * @enum {string}
         */
        LineItemSortField: "currency_code" | "-currency_code" | "unit_amount_cents" | "-unit_amount_cents" | "compare_at_amount_cents" | "-compare_at_amount_cents" | "options_amount_cents" | "-options_amount_cents" | "discount_cents" | "-discount_cents" | "total_amount_cents" | "-total_amount_cents" | "tax_amount_cents" | "-tax_amount_cents" | "name" | "-name" | "item_type" | "-item_type" | "id" | "-id" | "circuit_state" | "-circuit_state" | "circuit_failure_count" | "-circuit_failure_count" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "reference" | "-reference" | "reference_origin" | "-reference_origin";
        LineItemUpdateAttributes: {
            _add_tags?: string;
            _external_price?: boolean;
            _remove_tags?: string;
            _reserve_stock?: boolean;
            _reset_circuit?: boolean;
            _reset_restocked_quantity?: boolean;
            bundle_code?: string | null;
            compare_at_amount_cents?: number | null;
            frequency?: string | null;
            image_url?: string | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            name?: string | null;
            options_amount_cents?: number | null;
            quantity?: number | null;
            reference?: string | null;
            reference_origin?: string | null;
            sku_code?: string | null;
            unit_amount_cents?: number | null;
        };
        LineItemUpdateDocument: {
            data: {
                attributes?: components["schemas"]["LineItemUpdateAttributes"];
                /** @description Must equal the id in the URL. */
                id: string;
                relationships?: components["schemas"]["LineItemUpdateRelationships"];
                /** @constant */
                type: "line_items";
            };
        };
        LineItemUpdateRelationships: {
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        ListLinks: {
            /** Format: uri */
            first?: string;
            /** Format: uri */
            last?: string;
            /** Format: uri */
            next?: string;
            /** Format: uri */
            prev?: string;
        };
        ListMeta: {
            page_count: number;
            record_count: number;
        };
        /** @description A market resource object. */
        Market: {
            attributes: components["schemas"]["MarketAttributes"];
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: components["schemas"]["MarketRelationships"];
            /** @constant */
            type: "markets";
        };
        /** @description Attributes of a market as the API returns them: all of them, unless a sparse fieldset (fields[...]) asks for fewer. Which attributes may be null is inferred. */
        MarketAttributes: {
            checkout_url: string | null;
            code: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            disabled_at: string | null;
            external_includes: string[] | null;
            external_order_validation_url: string | null;
            external_prices_url: string | null;
            facebook_pixel_id: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
            name: string;
            number: number;
            private: boolean;
            reference: string | null;
            reference_origin: string | null;
            shared_secret: string | null;
            shipping_cost_cutoff: number | null;
            /** Format: date-time */
            updated_at: string;
        };
        MarketDocument: {
            data: components["schemas"]["Market"];
            included?: components["schemas"]["Included"];
        };
        /** @enum {string} */
        MarketFieldName: "number" | "name" | "code" | "facebook_pixel_id" | "checkout_url" | "external_prices_url" | "external_order_validation_url" | "private" | "shipping_cost_cutoff" | "disabled_at" | "shared_secret" | "external_includes" | "created_at" | "updated_at" | "reference" | "reference_origin" | "metadata" | "merchant" | "price_list" | "base_price_list" | "inventory_model" | "subscription_model" | "discount_engine" | "tax_calculator" | "customer_group" | "geocoder" | "default_shipping_method" | "default_payment_method" | "stores" | "price_list_schedulers" | "order_validation_rules" | "attachments" | "versions" | "event_stores";
        /** @description Ransack predicates on filterable attributes (attribute_predicate). Lists are sent comma-separated. Combined filters are ANDed. */
        MarketFilter: {
            base_price_list_id_eq?: string;
            base_price_list_id_in?: string[];
            code_blank?: boolean;
            code_cont?: string;
            code_end?: string;
            code_eq?: string;
            code_eq_or_null?: string;
            code_in?: string[];
            code_matches?: string;
            code_not_cont?: string;
            code_not_eq?: string;
            code_not_in?: string[];
            code_not_null?: boolean;
            code_null?: boolean;
            code_present?: boolean;
            code_start?: string;
            /** Format: date-time */
            created_at_eq?: string;
            /** Format: date-time */
            created_at_gt?: string;
            /** Format: date-time */
            created_at_gteq?: string;
            created_at_in?: string[];
            /** Format: date-time */
            created_at_lt?: string;
            /** Format: date-time */
            created_at_lteq?: string;
            /** Format: date-time */
            created_at_not_eq?: string;
            created_at_not_in?: string[];
            created_at_not_null?: boolean;
            created_at_null?: boolean;
            customer_group_id_eq?: string;
            customer_group_id_in?: string[];
            default_payment_method_id_eq?: string;
            default_payment_method_id_in?: string[];
            default_shipping_method_id_eq?: string;
            default_shipping_method_id_in?: string[];
            /** Format: date-time */
            disabled_at_eq?: string;
            /** Format: date-time */
            disabled_at_gt?: string;
            /** Format: date-time */
            disabled_at_gteq?: string;
            disabled_at_in?: string[];
            /** Format: date-time */
            disabled_at_lt?: string;
            /** Format: date-time */
            disabled_at_lteq?: string;
            /** Format: date-time */
            disabled_at_not_eq?: string;
            disabled_at_not_in?: string[];
            disabled_at_not_null?: boolean;
            disabled_at_null?: boolean;
            discount_engine_id_eq?: string;
            discount_engine_id_in?: string[];
            geocoder_id_eq?: string;
            geocoder_id_in?: string[];
            id_blank?: boolean;
            id_cont?: string;
            id_end?: string;
            id_eq?: string;
            id_eq_or_null?: string;
            id_in?: string[];
            id_matches?: string;
            id_not_cont?: string;
            id_not_eq?: string;
            id_not_in?: string[];
            id_not_null?: boolean;
            id_null?: boolean;
            id_present?: boolean;
            id_start?: string;
            inventory_model_id_eq?: string;
            inventory_model_id_in?: string[];
            merchant_id_eq?: string;
            merchant_id_in?: string[];
            metadata_jcont?: {
                [key: string]: unknown;
            };
            metadata_not_null?: boolean;
            metadata_null?: boolean;
            name_blank?: boolean;
            name_cont?: string;
            name_end?: string;
            name_eq?: string;
            name_eq_or_null?: string;
            name_in?: string[];
            name_matches?: string;
            name_not_cont?: string;
            name_not_eq?: string;
            name_not_in?: string[];
            name_not_null?: boolean;
            name_null?: boolean;
            name_present?: boolean;
            name_start?: string;
            price_list_id_eq?: string;
            price_list_id_in?: string[];
            reference_blank?: boolean;
            reference_cont?: string;
            reference_end?: string;
            reference_eq?: string;
            reference_eq_or_null?: string;
            reference_in?: string[];
            reference_matches?: string;
            reference_not_cont?: string;
            reference_not_eq?: string;
            reference_not_in?: string[];
            reference_not_null?: boolean;
            reference_null?: boolean;
            reference_origin_blank?: boolean;
            reference_origin_cont?: string;
            reference_origin_end?: string;
            reference_origin_eq?: string;
            reference_origin_eq_or_null?: string;
            reference_origin_in?: string[];
            reference_origin_matches?: string;
            reference_origin_not_cont?: string;
            reference_origin_not_eq?: string;
            reference_origin_not_in?: string[];
            reference_origin_not_null?: boolean;
            reference_origin_null?: boolean;
            reference_origin_present?: boolean;
            reference_origin_start?: string;
            reference_present?: boolean;
            reference_start?: string;
            subscription_model_id_eq?: string;
            subscription_model_id_in?: string[];
            /** Format: date-time */
            updated_at_eq?: string;
            /** Format: date-time */
            updated_at_gt?: string;
            /** Format: date-time */
            updated_at_gteq?: string;
            updated_at_in?: string[];
            /** Format: date-time */
            updated_at_lt?: string;
            /** Format: date-time */
            updated_at_lteq?: string;
            /** Format: date-time */
            updated_at_not_eq?: string;
            updated_at_not_in?: string[];
            updated_at_not_null?: boolean;
            updated_at_null?: boolean;
        };
        MarketListDocument: {
            data: components["schemas"]["Market"][];
            included?: components["schemas"]["Included"];
            links?: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        MarketRelationships: {
            attachments?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "attachments";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            base_price_list?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "price_lists";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer_group?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_groups";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            default_payment_method?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            default_shipping_method?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "shipping_methods";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            discount_engine?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "discount_engines";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            event_stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "event_stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            geocoder?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "geocoders";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            inventory_model?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "inventory_models";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            merchant?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "merchants";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_validation_rules?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            price_list?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "price_lists";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            price_list_schedulers?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "price_list_schedulers";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            subscription_model?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "subscription_models";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            tax_calculator?: {
                data?: {
                    id: string;
                    /** @description Polymorphic type. */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            versions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "versions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
        };
        /**
         * @description A sortable attribute; a leading "-" sorts descending.
         * @enum {string}
         */
        MarketSortField: "name" | "-name" | "code" | "-code" | "id" | "-id" | "disabled_at" | "-disabled_at" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "reference" | "-reference" | "reference_origin" | "-reference_origin";
        /** @description A order resource object. */
        Order: {
            attributes: components["schemas"]["OrderAttributes"];
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: components["schemas"]["OrderRelationships"];
            /** @constant */
            type: "orders";
        };
        /** @description Attributes of a order as the API returns them: all of them, unless a sparse fieldset (fields[...]) asks for fewer. Which attributes may be null is inferred. */
        OrderAttributes: {
            adjustment_amount_cents: number;
            adjustment_amount_float: number;
            adjustment_tax_amount_cents: number;
            adjustment_tax_amount_float: number;
            adjustment_taxable: boolean;
            adjustment_taxable_amount_cents: number;
            adjustment_taxable_amount_float: number;
            affiliate_code: string | null;
            /** Format: date-time */
            approved_at: string | null;
            /** Format: date-time */
            archived_at: string | null;
            autorefresh: boolean;
            /** Format: date-time */
            cancelled_at: string | null;
            cart_url: string | null;
            checkout_url: string | null;
            circuit_failure_count: number;
            circuit_state: string;
            country_code: string | null;
            coupon_code: string | null;
            /** Format: date-time */
            created_at: string;
            currency_code: string | null;
            customer_email: string | null;
            /** @enum {string|null} */
            customer_type: "new" | "returning" | null;
            discount_amount_cents: number;
            discount_amount_float: number;
            duty_amount_cents: number;
            duty_amount_float: number;
            editable: boolean;
            errors_count: number;
            expiration_info: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            expires_at: string | null;
            fees_amount_cents: number;
            fees_amount_float: number;
            formatted_adjustment_amount: string;
            formatted_adjustment_tax_amount: string;
            formatted_adjustment_taxable_amount: string;
            formatted_discount_amount: string;
            formatted_duty_amount: string;
            formatted_fees_amount: string;
            formatted_gift_card_amount: string;
            formatted_payment_method_amount: string;
            formatted_payment_method_tax_amount: string;
            formatted_payment_method_taxable_amount: string;
            formatted_place_total_amount: string;
            formatted_shipping_amount: string;
            formatted_shipping_tax_amount: string;
            formatted_shipping_taxable_amount: string;
            formatted_subtotal_amount: string;
            formatted_subtotal_tax_amount: string;
            formatted_subtotal_taxable_amount: string;
            formatted_total_amount: string;
            formatted_total_amount_with_taxes: string | null;
            formatted_total_tax_amount: string;
            formatted_total_taxable_amount: string;
            freight_taxable: boolean;
            /** @enum {string} */
            fulfillment_status: "unfulfilled" | "in_progress" | "fulfilled" | "not_required";
            /** Format: date-time */
            fulfillment_updated_at: string | null;
            gift_card_amount_cents: number;
            gift_card_amount_float: number;
            gift_card_code: string | null;
            gift_card_or_coupon_code: string | null;
            gift_card_taxable: boolean;
            guest: boolean | null;
            language_code: string;
            line_item_options_count: number;
            metadata: {
                [key: string]: unknown;
            } | null;
            number: string;
            payment_method_amount_cents: number;
            payment_method_amount_float: number;
            payment_method_tax_amount_cents: number;
            payment_method_tax_amount_float: number;
            payment_method_taxable: boolean;
            payment_method_taxable_amount_cents: number;
            payment_method_taxable_amount_float: number;
            payment_source_details: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            payment_status: "unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free";
            /** Format: date-time */
            payment_updated_at: string | null;
            place_async: boolean;
            place_total_amount_cents: number;
            place_total_amount_float: number;
            /** Format: date-time */
            placed_at: string | null;
            privacy_url: string | null;
            reference: string | null;
            reference_origin: string | null;
            /** Format: date-time */
            refreshed_at: string | null;
            requires_billing_info: boolean;
            return_url: string | null;
            shipments_count: number;
            shipping_amount_cents: number;
            shipping_amount_float: number;
            shipping_country_code_lock: string | null;
            shipping_tax_amount_cents: number;
            shipping_tax_amount_float: number;
            shipping_taxable_amount_cents: number;
            shipping_taxable_amount_float: number;
            skus_count: number;
            /** @enum {string} */
            status: "draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled";
            /** Format: date-time */
            subscription_created_at: string | null;
            subtotal_amount_cents: number;
            subtotal_amount_float: number;
            subtotal_tax_amount_cents: number;
            subtotal_tax_amount_float: number;
            subtotal_taxable_amount_cents: number;
            subtotal_taxable_amount_float: number;
            tax_calculations_count: number;
            tax_included: boolean;
            tax_rate: number | null;
            terms_url: string | null;
            token: string;
            total_amount_cents: number;
            total_amount_float: number;
            total_amount_with_taxes_cents: number | null;
            total_amount_with_taxes_float: number | null;
            total_tax_amount_cents: number;
            total_tax_amount_float: number;
            total_taxable_amount_cents: number;
            total_taxable_amount_float: number;
            /** Format: date-time */
            updated_at: string;
            validations_count: number;
        };
        OrderCreateAttributes: {
            adjustment_taxable?: boolean;
            affiliate_code?: string | null;
            autorefresh?: boolean;
            cart_url?: string | null;
            coupon_code?: string | null;
            customer_email?: string | null;
            customer_password?: string | null;
            expiration_info?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            expires_at?: string | null;
            freight_taxable?: boolean;
            gift_card_code?: string | null;
            gift_card_or_coupon_code?: string | null;
            gift_card_taxable?: boolean;
            guest?: boolean;
            language_code?: string | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            number?: string | null;
            payment_method_taxable?: boolean;
            place_async?: boolean;
            privacy_url?: string | null;
            reference?: string | null;
            reference_origin?: string | null;
            return_url?: string | null;
            shipping_country_code_lock?: string | null;
            terms_url?: string | null;
        };
        OrderCreateDocument: {
            data: {
                attributes?: components["schemas"]["OrderCreateAttributes"];
                relationships?: components["schemas"]["OrderCreateRelationships"];
                /** @constant */
                type: "orders";
            };
        };
        OrderCreateRelationships: {
            billing_address?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                };
            };
            customer?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "customers";
                };
            };
            market?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "markets";
                };
            };
            payment_method?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                };
            };
            payment_source?: {
                data: {
                    id: string;
                    /** @enum {string} */
                    type: "adyen_payments" | "axerve_payments" | "braintree_payments" | "checkout_com_payments" | "external_payments" | "klarna_payments" | "paypal_payments" | "satispay_payments" | "stripe_payments" | "wire_transfers";
                };
            };
            shipping_address?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                };
            };
            store?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "stores";
                };
            };
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        OrderDocument: {
            data: components["schemas"]["Order"];
            included?: components["schemas"]["Included"];
        };
        /** @enum {string} */
        OrderFieldName: "number" | "affiliate_code" | "autorefresh" | "place_async" | "status" | "payment_status" | "fulfillment_status" | "guest" | "editable" | "customer_email" | "customer_type" | "language_code" | "currency_code" | "tax_included" | "tax_rate" | "freight_taxable" | "payment_method_taxable" | "adjustment_taxable" | "gift_card_taxable" | "requires_billing_info" | "country_code" | "shipping_country_code_lock" | "coupon_code" | "gift_card_code" | "gift_card_or_coupon_code" | "subtotal_amount_cents" | "subtotal_amount_float" | "formatted_subtotal_amount" | "shipping_amount_cents" | "shipping_amount_float" | "formatted_shipping_amount" | "payment_method_amount_cents" | "payment_method_amount_float" | "formatted_payment_method_amount" | "discount_amount_cents" | "discount_amount_float" | "formatted_discount_amount" | "adjustment_amount_cents" | "adjustment_amount_float" | "formatted_adjustment_amount" | "gift_card_amount_cents" | "gift_card_amount_float" | "formatted_gift_card_amount" | "total_tax_amount_cents" | "total_tax_amount_float" | "formatted_total_tax_amount" | "subtotal_tax_amount_cents" | "subtotal_tax_amount_float" | "formatted_subtotal_tax_amount" | "shipping_tax_amount_cents" | "shipping_tax_amount_float" | "formatted_shipping_tax_amount" | "payment_method_tax_amount_cents" | "payment_method_tax_amount_float" | "formatted_payment_method_tax_amount" | "adjustment_tax_amount_cents" | "adjustment_tax_amount_float" | "formatted_adjustment_tax_amount" | "total_amount_cents" | "total_amount_float" | "formatted_total_amount" | "total_taxable_amount_cents" | "total_taxable_amount_float" | "formatted_total_taxable_amount" | "subtotal_taxable_amount_cents" | "subtotal_taxable_amount_float" | "formatted_subtotal_taxable_amount" | "shipping_taxable_amount_cents" | "shipping_taxable_amount_float" | "formatted_shipping_taxable_amount" | "payment_method_taxable_amount_cents" | "payment_method_taxable_amount_float" | "formatted_payment_method_taxable_amount" | "adjustment_taxable_amount_cents" | "adjustment_taxable_amount_float" | "formatted_adjustment_taxable_amount" | "total_amount_with_taxes_cents" | "total_amount_with_taxes_float" | "formatted_total_amount_with_taxes" | "fees_amount_cents" | "fees_amount_float" | "formatted_fees_amount" | "duty_amount_cents" | "duty_amount_float" | "formatted_duty_amount" | "place_total_amount_cents" | "place_total_amount_float" | "formatted_place_total_amount" | "skus_count" | "line_item_options_count" | "shipments_count" | "tax_calculations_count" | "validations_count" | "errors_count" | "payment_source_details" | "token" | "cart_url" | "return_url" | "terms_url" | "privacy_url" | "checkout_url" | "placed_at" | "approved_at" | "cancelled_at" | "payment_updated_at" | "fulfillment_updated_at" | "refreshed_at" | "archived_at" | "subscription_created_at" | "expires_at" | "expiration_info" | "circuit_state" | "circuit_failure_count" | "created_at" | "updated_at" | "reference" | "reference_origin" | "metadata" | "market" | "customer" | "shipping_address" | "billing_address" | "store" | "default_shipping_method" | "default_payment_method" | "available_payment_methods" | "available_customer_payment_sources" | "available_free_skus" | "available_free_bundles" | "payment_method" | "payment_source" | "discount_engine_item" | "line_items" | "line_item_options" | "stock_reservations" | "stock_line_items" | "stock_transfers" | "shipments" | "payment_options" | "transactions" | "authorizations" | "captures" | "voids" | "refunds" | "returns" | "order_subscription" | "order_subscriptions" | "order_factories" | "order_copies" | "recurring_order_copies" | "attachments" | "notifications" | "links" | "resource_errors" | "events" | "tags" | "versions" | "event_stores";
        /** @description Ransack predicates on filterable attributes (attribute_predicate). Lists are sent comma-separated. Combined filters are ANDed. */
        OrderFilter: {
            adjustment_amount_cents_eq?: number;
            adjustment_amount_cents_gt?: number;
            adjustment_amount_cents_gteq?: number;
            adjustment_amount_cents_in?: number[];
            adjustment_amount_cents_lt?: number;
            adjustment_amount_cents_lteq?: number;
            adjustment_amount_cents_not_eq?: number;
            adjustment_amount_cents_not_in?: number[];
            adjustment_amount_cents_not_null?: boolean;
            adjustment_amount_cents_null?: boolean;
            affiliate_code_blank?: boolean;
            affiliate_code_cont?: string;
            affiliate_code_end?: string;
            affiliate_code_eq?: string;
            affiliate_code_eq_or_null?: string;
            affiliate_code_in?: string[];
            affiliate_code_matches?: string;
            affiliate_code_not_cont?: string;
            affiliate_code_not_eq?: string;
            affiliate_code_not_in?: string[];
            affiliate_code_not_null?: boolean;
            affiliate_code_null?: boolean;
            affiliate_code_present?: boolean;
            affiliate_code_start?: string;
            /** Format: date-time */
            approved_at_eq?: string;
            /** Format: date-time */
            approved_at_gt?: string;
            /** Format: date-time */
            approved_at_gteq?: string;
            approved_at_in?: string[];
            /** Format: date-time */
            approved_at_lt?: string;
            /** Format: date-time */
            approved_at_lteq?: string;
            /** Format: date-time */
            approved_at_not_eq?: string;
            approved_at_not_in?: string[];
            approved_at_not_null?: boolean;
            approved_at_null?: boolean;
            /** Format: date-time */
            archived_at_eq?: string;
            /** Format: date-time */
            archived_at_gt?: string;
            /** Format: date-time */
            archived_at_gteq?: string;
            archived_at_in?: string[];
            /** Format: date-time */
            archived_at_lt?: string;
            /** Format: date-time */
            archived_at_lteq?: string;
            /** Format: date-time */
            archived_at_not_eq?: string;
            archived_at_not_in?: string[];
            archived_at_not_null?: boolean;
            archived_at_null?: boolean;
            billing_address_id_eq?: string;
            billing_address_id_in?: string[];
            /** Format: date-time */
            cancelled_at_eq?: string;
            /** Format: date-time */
            cancelled_at_gt?: string;
            /** Format: date-time */
            cancelled_at_gteq?: string;
            cancelled_at_in?: string[];
            /** Format: date-time */
            cancelled_at_lt?: string;
            /** Format: date-time */
            cancelled_at_lteq?: string;
            /** Format: date-time */
            cancelled_at_not_eq?: string;
            cancelled_at_not_in?: string[];
            cancelled_at_not_null?: boolean;
            cancelled_at_null?: boolean;
            circuit_failure_count_eq?: number;
            circuit_failure_count_gt?: number;
            circuit_failure_count_gteq?: number;
            circuit_failure_count_in?: number[];
            circuit_failure_count_lt?: number;
            circuit_failure_count_lteq?: number;
            circuit_failure_count_not_eq?: number;
            circuit_failure_count_not_in?: number[];
            circuit_failure_count_not_null?: boolean;
            circuit_failure_count_null?: boolean;
            circuit_state_blank?: boolean;
            circuit_state_cont?: string;
            circuit_state_end?: string;
            circuit_state_eq?: string;
            circuit_state_eq_or_null?: string;
            circuit_state_in?: string[];
            circuit_state_matches?: string;
            circuit_state_not_cont?: string;
            circuit_state_not_eq?: string;
            circuit_state_not_in?: string[];
            circuit_state_not_null?: boolean;
            circuit_state_null?: boolean;
            circuit_state_present?: boolean;
            circuit_state_start?: string;
            country_code_blank?: boolean;
            country_code_cont?: string;
            country_code_end?: string;
            country_code_eq?: string;
            country_code_eq_or_null?: string;
            country_code_in?: string[];
            country_code_matches?: string;
            country_code_not_cont?: string;
            country_code_not_eq?: string;
            country_code_not_in?: string[];
            country_code_not_null?: boolean;
            country_code_null?: boolean;
            country_code_present?: boolean;
            country_code_start?: string;
            coupon_code_blank?: boolean;
            coupon_code_cont?: string;
            coupon_code_end?: string;
            coupon_code_eq?: string;
            coupon_code_eq_or_null?: string;
            coupon_code_in?: string[];
            coupon_code_matches?: string;
            coupon_code_not_cont?: string;
            coupon_code_not_eq?: string;
            coupon_code_not_in?: string[];
            coupon_code_not_null?: boolean;
            coupon_code_null?: boolean;
            coupon_code_present?: boolean;
            coupon_code_start?: string;
            /** Format: date-time */
            created_at_eq?: string;
            /** Format: date-time */
            created_at_gt?: string;
            /** Format: date-time */
            created_at_gteq?: string;
            created_at_in?: string[];
            /** Format: date-time */
            created_at_lt?: string;
            /** Format: date-time */
            created_at_lteq?: string;
            /** Format: date-time */
            created_at_not_eq?: string;
            created_at_not_in?: string[];
            created_at_not_null?: boolean;
            created_at_null?: boolean;
            currency_code_blank?: boolean;
            currency_code_cont?: string;
            currency_code_end?: string;
            currency_code_eq?: string;
            currency_code_eq_or_null?: string;
            currency_code_in?: string[];
            currency_code_matches?: string;
            currency_code_not_cont?: string;
            currency_code_not_eq?: string;
            currency_code_not_in?: string[];
            currency_code_not_null?: boolean;
            currency_code_null?: boolean;
            currency_code_present?: boolean;
            currency_code_start?: string;
            customer_email_blank?: boolean;
            customer_email_cont?: string;
            customer_email_end?: string;
            customer_email_eq?: string;
            customer_email_eq_or_null?: string;
            customer_email_in?: string[];
            customer_email_matches?: string;
            customer_email_not_cont?: string;
            customer_email_not_eq?: string;
            customer_email_not_in?: string[];
            customer_email_not_null?: boolean;
            customer_email_null?: boolean;
            customer_email_present?: boolean;
            customer_email_start?: string;
            customer_id_eq?: string;
            customer_id_in?: string[];
            default_payment_method_id_eq?: string;
            default_payment_method_id_in?: string[];
            default_shipping_method_id_eq?: string;
            default_shipping_method_id_in?: string[];
            discount_amount_cents_eq?: number;
            discount_amount_cents_gt?: number;
            discount_amount_cents_gteq?: number;
            discount_amount_cents_in?: number[];
            discount_amount_cents_lt?: number;
            discount_amount_cents_lteq?: number;
            discount_amount_cents_not_eq?: number;
            discount_amount_cents_not_in?: number[];
            discount_amount_cents_not_null?: boolean;
            discount_amount_cents_null?: boolean;
            discount_engine_item_id_eq?: string;
            discount_engine_item_id_in?: string[];
            duty_amount_cents_eq?: number;
            duty_amount_cents_gt?: number;
            duty_amount_cents_gteq?: number;
            duty_amount_cents_in?: number[];
            duty_amount_cents_lt?: number;
            duty_amount_cents_lteq?: number;
            duty_amount_cents_not_eq?: number;
            duty_amount_cents_not_in?: number[];
            duty_amount_cents_not_null?: boolean;
            duty_amount_cents_null?: boolean;
            /** Format: date-time */
            expires_at_eq?: string;
            /** Format: date-time */
            expires_at_gt?: string;
            /** Format: date-time */
            expires_at_gteq?: string;
            expires_at_in?: string[];
            /** Format: date-time */
            expires_at_lt?: string;
            /** Format: date-time */
            expires_at_lteq?: string;
            /** Format: date-time */
            expires_at_not_eq?: string;
            expires_at_not_in?: string[];
            expires_at_not_null?: boolean;
            expires_at_null?: boolean;
            fees_amount_cents_eq?: number;
            fees_amount_cents_gt?: number;
            fees_amount_cents_gteq?: number;
            fees_amount_cents_in?: number[];
            fees_amount_cents_lt?: number;
            fees_amount_cents_lteq?: number;
            fees_amount_cents_not_eq?: number;
            fees_amount_cents_not_in?: number[];
            fees_amount_cents_not_null?: boolean;
            fees_amount_cents_null?: boolean;
            fulfillment_status_blank?: boolean;
            fulfillment_status_cont?: string;
            fulfillment_status_end?: string;
            /** @enum {string} */
            fulfillment_status_eq?: "unfulfilled" | "in_progress" | "fulfilled" | "not_required";
            /** @enum {string} */
            fulfillment_status_eq_or_null?: "unfulfilled" | "in_progress" | "fulfilled" | "not_required";
            fulfillment_status_in?: ("unfulfilled" | "in_progress" | "fulfilled" | "not_required")[];
            fulfillment_status_matches?: string;
            fulfillment_status_not_cont?: string;
            /** @enum {string} */
            fulfillment_status_not_eq?: "unfulfilled" | "in_progress" | "fulfilled" | "not_required";
            fulfillment_status_not_in?: ("unfulfilled" | "in_progress" | "fulfilled" | "not_required")[];
            fulfillment_status_not_null?: boolean;
            fulfillment_status_null?: boolean;
            fulfillment_status_present?: boolean;
            fulfillment_status_start?: string;
            /** Format: date-time */
            fulfillment_updated_at_eq?: string;
            /** Format: date-time */
            fulfillment_updated_at_gt?: string;
            /** Format: date-time */
            fulfillment_updated_at_gteq?: string;
            fulfillment_updated_at_in?: string[];
            /** Format: date-time */
            fulfillment_updated_at_lt?: string;
            /** Format: date-time */
            fulfillment_updated_at_lteq?: string;
            /** Format: date-time */
            fulfillment_updated_at_not_eq?: string;
            fulfillment_updated_at_not_in?: string[];
            fulfillment_updated_at_not_null?: boolean;
            fulfillment_updated_at_null?: boolean;
            gift_card_amount_cents_eq?: number;
            gift_card_amount_cents_gt?: number;
            gift_card_amount_cents_gteq?: number;
            gift_card_amount_cents_in?: number[];
            gift_card_amount_cents_lt?: number;
            gift_card_amount_cents_lteq?: number;
            gift_card_amount_cents_not_eq?: number;
            gift_card_amount_cents_not_in?: number[];
            gift_card_amount_cents_not_null?: boolean;
            gift_card_amount_cents_null?: boolean;
            gift_card_code_blank?: boolean;
            gift_card_code_cont?: string;
            gift_card_code_end?: string;
            gift_card_code_eq?: string;
            gift_card_code_eq_or_null?: string;
            gift_card_code_in?: string[];
            gift_card_code_matches?: string;
            gift_card_code_not_cont?: string;
            gift_card_code_not_eq?: string;
            gift_card_code_not_in?: string[];
            gift_card_code_not_null?: boolean;
            gift_card_code_null?: boolean;
            gift_card_code_present?: boolean;
            gift_card_code_start?: string;
            guest_eq?: boolean;
            guest_false?: boolean;
            guest_not_eq?: boolean;
            guest_not_null?: boolean;
            guest_null?: boolean;
            guest_true?: boolean;
            id_blank?: boolean;
            id_cont?: string;
            id_end?: string;
            id_eq?: string;
            id_eq_or_null?: string;
            id_in?: string[];
            id_matches?: string;
            id_not_cont?: string;
            id_not_eq?: string;
            id_not_in?: string[];
            id_not_null?: boolean;
            id_null?: boolean;
            id_present?: boolean;
            id_start?: string;
            language_code_blank?: boolean;
            language_code_cont?: string;
            language_code_end?: string;
            language_code_eq?: string;
            language_code_eq_or_null?: string;
            language_code_in?: string[];
            language_code_matches?: string;
            language_code_not_cont?: string;
            language_code_not_eq?: string;
            language_code_not_in?: string[];
            language_code_not_null?: boolean;
            language_code_null?: boolean;
            language_code_present?: boolean;
            language_code_start?: string;
            market_id_eq?: string;
            market_id_in?: string[];
            metadata_jcont?: {
                [key: string]: unknown;
            };
            metadata_not_null?: boolean;
            metadata_null?: boolean;
            number_blank?: boolean;
            number_cont?: string;
            number_end?: string;
            number_eq?: string;
            number_eq_or_null?: string;
            number_in?: string[];
            number_matches?: string;
            number_not_cont?: string;
            number_not_eq?: string;
            number_not_in?: string[];
            number_not_null?: boolean;
            number_null?: boolean;
            number_present?: boolean;
            number_start?: string;
            order_subscription_id_eq?: string;
            order_subscription_id_in?: string[];
            payment_method_amount_cents_eq?: number;
            payment_method_amount_cents_gt?: number;
            payment_method_amount_cents_gteq?: number;
            payment_method_amount_cents_in?: number[];
            payment_method_amount_cents_lt?: number;
            payment_method_amount_cents_lteq?: number;
            payment_method_amount_cents_not_eq?: number;
            payment_method_amount_cents_not_in?: number[];
            payment_method_amount_cents_not_null?: boolean;
            payment_method_amount_cents_null?: boolean;
            payment_method_id_eq?: string;
            payment_method_id_in?: string[];
            payment_source_details_jcont?: {
                [key: string]: unknown;
            };
            payment_source_details_not_null?: boolean;
            payment_source_details_null?: boolean;
            payment_status_blank?: boolean;
            payment_status_cont?: string;
            payment_status_end?: string;
            /** @enum {string} */
            payment_status_eq?: "unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free";
            /** @enum {string} */
            payment_status_eq_or_null?: "unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free";
            payment_status_in?: ("unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free")[];
            payment_status_matches?: string;
            payment_status_not_cont?: string;
            /** @enum {string} */
            payment_status_not_eq?: "unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free";
            payment_status_not_in?: ("unpaid" | "authorized" | "partially_authorized" | "paid" | "partially_paid" | "voided" | "partially_voided" | "refunded" | "partially_refunded" | "free")[];
            payment_status_not_null?: boolean;
            payment_status_null?: boolean;
            payment_status_present?: boolean;
            payment_status_start?: string;
            /** Format: date-time */
            payment_updated_at_eq?: string;
            /** Format: date-time */
            payment_updated_at_gt?: string;
            /** Format: date-time */
            payment_updated_at_gteq?: string;
            payment_updated_at_in?: string[];
            /** Format: date-time */
            payment_updated_at_lt?: string;
            /** Format: date-time */
            payment_updated_at_lteq?: string;
            /** Format: date-time */
            payment_updated_at_not_eq?: string;
            payment_updated_at_not_in?: string[];
            payment_updated_at_not_null?: boolean;
            payment_updated_at_null?: boolean;
            place_async_eq?: boolean;
            place_async_false?: boolean;
            place_async_not_eq?: boolean;
            place_async_not_null?: boolean;
            place_async_null?: boolean;
            place_async_true?: boolean;
            /** Format: date-time */
            placed_at_eq?: string;
            /** Format: date-time */
            placed_at_gt?: string;
            /** Format: date-time */
            placed_at_gteq?: string;
            placed_at_in?: string[];
            /** Format: date-time */
            placed_at_lt?: string;
            /** Format: date-time */
            placed_at_lteq?: string;
            /** Format: date-time */
            placed_at_not_eq?: string;
            placed_at_not_in?: string[];
            placed_at_not_null?: boolean;
            placed_at_null?: boolean;
            reference_blank?: boolean;
            reference_cont?: string;
            reference_end?: string;
            reference_eq?: string;
            reference_eq_or_null?: string;
            reference_in?: string[];
            reference_matches?: string;
            reference_not_cont?: string;
            reference_not_eq?: string;
            reference_not_in?: string[];
            reference_not_null?: boolean;
            reference_null?: boolean;
            reference_origin_blank?: boolean;
            reference_origin_cont?: string;
            reference_origin_end?: string;
            reference_origin_eq?: string;
            reference_origin_eq_or_null?: string;
            reference_origin_in?: string[];
            reference_origin_matches?: string;
            reference_origin_not_cont?: string;
            reference_origin_not_eq?: string;
            reference_origin_not_in?: string[];
            reference_origin_not_null?: boolean;
            reference_origin_null?: boolean;
            reference_origin_present?: boolean;
            reference_origin_start?: string;
            reference_present?: boolean;
            reference_start?: string;
            /** Format: date-time */
            refreshed_at_eq?: string;
            /** Format: date-time */
            refreshed_at_gt?: string;
            /** Format: date-time */
            refreshed_at_gteq?: string;
            refreshed_at_in?: string[];
            /** Format: date-time */
            refreshed_at_lt?: string;
            /** Format: date-time */
            refreshed_at_lteq?: string;
            /** Format: date-time */
            refreshed_at_not_eq?: string;
            refreshed_at_not_in?: string[];
            refreshed_at_not_null?: boolean;
            refreshed_at_null?: boolean;
            shipping_address_id_eq?: string;
            shipping_address_id_in?: string[];
            shipping_amount_cents_eq?: number;
            shipping_amount_cents_gt?: number;
            shipping_amount_cents_gteq?: number;
            shipping_amount_cents_in?: number[];
            shipping_amount_cents_lt?: number;
            shipping_amount_cents_lteq?: number;
            shipping_amount_cents_not_eq?: number;
            shipping_amount_cents_not_in?: number[];
            shipping_amount_cents_not_null?: boolean;
            shipping_amount_cents_null?: boolean;
            status_blank?: boolean;
            status_cont?: string;
            status_end?: string;
            /** @enum {string} */
            status_eq?: "draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled";
            /** @enum {string} */
            status_eq_or_null?: "draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled";
            status_in?: ("draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled")[];
            status_matches?: string;
            status_not_cont?: string;
            /** @enum {string} */
            status_not_eq?: "draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled";
            status_not_in?: ("draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled")[];
            status_not_null?: boolean;
            status_null?: boolean;
            status_present?: boolean;
            status_start?: string;
            store_id_eq?: string;
            store_id_in?: string[];
            /** Format: date-time */
            subscription_created_at_eq?: string;
            /** Format: date-time */
            subscription_created_at_gt?: string;
            /** Format: date-time */
            subscription_created_at_gteq?: string;
            subscription_created_at_in?: string[];
            /** Format: date-time */
            subscription_created_at_lt?: string;
            /** Format: date-time */
            subscription_created_at_lteq?: string;
            /** Format: date-time */
            subscription_created_at_not_eq?: string;
            subscription_created_at_not_in?: string[];
            subscription_created_at_not_null?: boolean;
            subscription_created_at_null?: boolean;
            subtotal_amount_cents_eq?: number;
            subtotal_amount_cents_gt?: number;
            subtotal_amount_cents_gteq?: number;
            subtotal_amount_cents_in?: number[];
            subtotal_amount_cents_lt?: number;
            subtotal_amount_cents_lteq?: number;
            subtotal_amount_cents_not_eq?: number;
            subtotal_amount_cents_not_in?: number[];
            subtotal_amount_cents_not_null?: boolean;
            subtotal_amount_cents_null?: boolean;
            subtotal_tax_amount_cents_eq?: number;
            subtotal_tax_amount_cents_gt?: number;
            subtotal_tax_amount_cents_gteq?: number;
            subtotal_tax_amount_cents_in?: number[];
            subtotal_tax_amount_cents_lt?: number;
            subtotal_tax_amount_cents_lteq?: number;
            subtotal_tax_amount_cents_not_eq?: number;
            subtotal_tax_amount_cents_not_in?: number[];
            subtotal_tax_amount_cents_not_null?: boolean;
            subtotal_tax_amount_cents_null?: boolean;
            tax_included_eq?: boolean;
            tax_included_false?: boolean;
            tax_included_not_eq?: boolean;
            tax_included_not_null?: boolean;
            tax_included_null?: boolean;
            tax_included_true?: boolean;
            tax_rate_eq?: number;
            tax_rate_gt?: number;
            tax_rate_gteq?: number;
            tax_rate_in?: number[];
            tax_rate_lt?: number;
            tax_rate_lteq?: number;
            tax_rate_not_eq?: number;
            tax_rate_not_in?: number[];
            tax_rate_not_null?: boolean;
            tax_rate_null?: boolean;
            token_blank?: boolean;
            token_cont?: string;
            token_end?: string;
            token_eq?: string;
            token_eq_or_null?: string;
            token_in?: string[];
            token_matches?: string;
            token_not_cont?: string;
            token_not_eq?: string;
            token_not_in?: string[];
            token_not_null?: boolean;
            token_null?: boolean;
            token_present?: boolean;
            token_start?: string;
            total_amount_cents_eq?: number;
            total_amount_cents_gt?: number;
            total_amount_cents_gteq?: number;
            total_amount_cents_in?: number[];
            total_amount_cents_lt?: number;
            total_amount_cents_lteq?: number;
            total_amount_cents_not_eq?: number;
            total_amount_cents_not_in?: number[];
            total_amount_cents_not_null?: boolean;
            total_amount_cents_null?: boolean;
            total_tax_amount_cents_eq?: number;
            total_tax_amount_cents_gt?: number;
            total_tax_amount_cents_gteq?: number;
            total_tax_amount_cents_in?: number[];
            total_tax_amount_cents_lt?: number;
            total_tax_amount_cents_lteq?: number;
            total_tax_amount_cents_not_eq?: number;
            total_tax_amount_cents_not_in?: number[];
            total_tax_amount_cents_not_null?: boolean;
            total_tax_amount_cents_null?: boolean;
            /** Format: date-time */
            updated_at_eq?: string;
            /** Format: date-time */
            updated_at_gt?: string;
            /** Format: date-time */
            updated_at_gteq?: string;
            updated_at_in?: string[];
            /** Format: date-time */
            updated_at_lt?: string;
            /** Format: date-time */
            updated_at_lteq?: string;
            /** Format: date-time */
            updated_at_not_eq?: string;
            updated_at_not_in?: string[];
            updated_at_not_null?: boolean;
            updated_at_null?: boolean;
        };
        OrderListDocument: {
            data: components["schemas"]["Order"][];
            included?: components["schemas"]["Included"];
            links?: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        OrderRelationships: {
            attachments?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "attachments";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            authorizations?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "authorizations";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            available_customer_payment_sources?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customer_payment_sources";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            available_free_bundles?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "bundles";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            available_free_skus?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "skus";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            available_payment_methods?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            billing_address?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            captures?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "captures";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            customer?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "customers";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            default_payment_method?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            default_shipping_method?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "shipping_methods";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            discount_engine_item?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "discount_engine_items";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            event_stores?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "event_stores";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            events?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "events";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            line_item_options?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "line_item_options";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            line_items?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "line_items";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            links?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "links";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            market?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "markets";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            notifications?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "notifications";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_copies?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "order_copies";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_factories?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "order_factories";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_subscription?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "order_subscriptions";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            order_subscriptions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "order_subscriptions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            payment_method?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            payment_options?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "payment_options";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            payment_source?: {
                data?: {
                    id: string;
                    /** @description Polymorphic: adyen_payments, axerve_payments, braintree_payments, checkout_com_payments, external_payments, klarna_payments, paypal_payments, satispay_payments, stripe_payments, wire_transfers */
                    type: string;
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            recurring_order_copies?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "recurring_order_copies";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            refunds?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "refunds";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            resource_errors?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "resource_errors";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            returns?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "returns";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            shipments?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "shipments";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            shipping_address?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_line_items?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_line_items";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_reservations?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_reservations";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            stock_transfers?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stock_transfers";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            store?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "stores";
                } | null;
                links?: components["schemas"]["RelationshipLinks"];
            };
            tags?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            transactions?: {
                data?: {
                    id: string;
                    /** @description Polymorphic: authorizations, voids, captures, refunds */
                    type: string;
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            versions?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "versions";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
            voids?: {
                data?: {
                    id: string;
                    /** @constant */
                    type: "voids";
                }[];
                links?: components["schemas"]["RelationshipLinks"];
            };
        };
        /**
         * @description A sortable attribute; a leading "-" sorts descending.
         * @enum {string}
         */
        OrderSortField: "number" | "-number" | "affiliate_code" | "-affiliate_code" | "place_async" | "-place_async" | "status" | "-status" | "payment_status" | "-payment_status" | "fulfillment_status" | "-fulfillment_status" | "guest" | "-guest" | "language_code" | "-language_code" | "currency_code" | "-currency_code" | "tax_included" | "-tax_included" | "tax_rate" | "-tax_rate" | "country_code" | "-country_code" | "coupon_code" | "-coupon_code" | "gift_card_code" | "-gift_card_code" | "subtotal_amount_cents" | "-subtotal_amount_cents" | "shipping_amount_cents" | "-shipping_amount_cents" | "payment_method_amount_cents" | "-payment_method_amount_cents" | "discount_amount_cents" | "-discount_amount_cents" | "adjustment_amount_cents" | "-adjustment_amount_cents" | "gift_card_amount_cents" | "-gift_card_amount_cents" | "total_tax_amount_cents" | "-total_tax_amount_cents" | "subtotal_tax_amount_cents" | "-subtotal_tax_amount_cents" | "total_amount_cents" | "-total_amount_cents" | "fees_amount_cents" | "-fees_amount_cents" | "duty_amount_cents" | "-duty_amount_cents" | "placed_at" | "-placed_at" | "approved_at" | "-approved_at" | "cancelled_at" | "-cancelled_at" | "payment_updated_at" | "-payment_updated_at" | "fulfillment_updated_at" | "-fulfillment_updated_at" | "refreshed_at" | "-refreshed_at" | "archived_at" | "-archived_at" | "subscription_created_at" | "-subscription_created_at" | "expires_at" | "-expires_at" | "id" | "-id" | "circuit_state" | "-circuit_state" | "circuit_failure_count" | "-circuit_failure_count" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "reference" | "-reference" | "reference_origin" | "-reference_origin";
        /** @description Updatable attributes, and the trigger attributes (names starting with "_") that run an action, such as _place: true. Triggers are never returned. */
        OrderUpdateAttributes: {
            _add_tags?: string;
            _approve?: boolean;
            _approve_and_capture?: boolean;
            _archive?: boolean;
            _authorization_amount_cents?: number;
            _authorize?: boolean;
            _billing_address_clone_id?: string;
            _billing_address_same_as_shipping?: boolean;
            _cancel?: boolean;
            _capture?: boolean;
            _commit_invoice?: boolean;
            _create_subscriptions?: boolean;
            _customer_payment_source_id?: string;
            _fix_payment_source?: boolean;
            _fulfill?: boolean;
            _nullify_payment_source?: boolean;
            _pending?: boolean;
            _place?: boolean;
            _refresh?: boolean;
            _refresh_prices?: boolean;
            _refund?: boolean;
            _refund_invoice?: boolean;
            _remove_tags?: string;
            _reset_circuit?: boolean;
            _save_billing_address_to_customer_address_book?: boolean;
            _save_payment_source_to_customer_wallet?: boolean;
            _save_shipping_address_to_customer_address_book?: boolean;
            _shipping_address_clone_id?: string;
            _shipping_address_same_as_billing?: boolean;
            _start_editing?: boolean;
            _stop_editing?: boolean;
            _unarchive?: boolean;
            _update_taxes?: boolean;
            _validate?: boolean;
            adjustment_taxable?: boolean;
            affiliate_code?: string | null;
            autorefresh?: boolean;
            cart_url?: string | null;
            coupon_code?: string | null;
            customer_email?: string | null;
            customer_password?: string | null;
            expiration_info?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            expires_at?: string | null;
            freight_taxable?: boolean;
            gift_card_code?: string | null;
            gift_card_or_coupon_code?: string | null;
            gift_card_taxable?: boolean;
            guest?: boolean;
            language_code?: string | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            number?: string | null;
            payment_method_taxable?: boolean;
            place_async?: boolean;
            privacy_url?: string | null;
            reference?: string | null;
            reference_origin?: string | null;
            return_url?: string | null;
            shipping_country_code_lock?: string | null;
            terms_url?: string | null;
        };
        OrderUpdateDocument: {
            data: {
                attributes?: components["schemas"]["OrderUpdateAttributes"];
                /** @description Must equal the id in the URL. */
                id: string;
                relationships?: components["schemas"]["OrderUpdateRelationships"];
                /** @constant */
                type: "orders";
            };
        };
        OrderUpdateRelationships: {
            billing_address?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                };
            };
            customer?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "customers";
                };
            };
            market?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "markets";
                };
            };
            payment_method?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "payment_methods";
                };
            };
            payment_source?: {
                data: {
                    id: string;
                    /** @enum {string} */
                    type: "adyen_payments" | "axerve_payments" | "braintree_payments" | "checkout_com_payments" | "external_payments" | "klarna_payments" | "paypal_payments" | "satispay_payments" | "stripe_payments" | "wire_transfers";
                };
            };
            shipping_address?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "addresses";
                };
            };
            store?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "stores";
                };
            };
            tags?: {
                data: {
                    id: string;
                    /** @constant */
                    type: "tags";
                }[];
            };
        };
        RelationshipLinks: {
            /** Format: uri */
            related?: string;
            /** Format: uri */
            self?: string;
        };
        ResourceLinks: {
            /** Format: uri */
            self?: string;
        };
        ResourceMeta: {
            /**
             * @description The environment the resource belongs to.
             * @enum {string}
             */
            mode?: "test" | "live";
            organization_id?: string;
        };
        /** @description A shipment (inferred, minimal: only read through an order). */
        Shipment: {
            attributes?: {
                cost_amount_cents?: number | null;
                cost_amount_float?: number | null;
                /** Format: date-time */
                created_at?: string;
                currency_code?: string | null;
                formatted_cost_amount?: string | null;
                number?: string;
                skus_count?: number | null;
                /** @description draft, upcoming, cancelled, on_hold, picking, packing, ready_to_ship, shipped, delivered (inferred) */
                status?: string;
                /** Format: date-time */
                updated_at?: string;
            } & {
                [key: string]: unknown;
            };
            id: string;
            links?: components["schemas"]["ResourceLinks"];
            meta?: components["schemas"]["ResourceMeta"];
            relationships?: {
                [key: string]: unknown;
            };
            /** @constant */
            type: "shipments";
        };
        ShipmentListDocument: {
            data: components["schemas"]["Shipment"][];
            included?: components["schemas"]["Included"];
            links?: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        TokenRequest: {
            assertion?: string;
            client_id: string;
            /** @description Confidential credentials (integrations, webapps) only. */
            client_secret?: string;
            code?: string;
            /** @enum {string} */
            grant_type: "client_credentials" | "password" | "refresh_token" | "authorization_code" | "urn:ietf:params:oauth:grant-type:jwt-bearer";
            password?: string;
            redirect_uri?: string;
            refresh_token?: string;
            /** @description Space-separated, e.g. "market:code:usa" or "market:id:vlkaZhkGNo stock_location:code:us_wh". Sales channels need a market. */
            scope?: string;
            username?: string;
        };
        TokenResponse: {
            /** @description A JWT; its payload names the organization, the market scope and test/live mode. */
            access_token: string;
            /** @description Epoch seconds. */
            created_at?: number;
            /** @description Seconds until expiry (sales channel 4 h, integration 2 h by default). */
            expires_in: number;
            owner_id?: string;
            /** @enum {string} */
            owner_type?: "customer" | "user";
            refresh_token?: string;
            scope?: string;
            /** @constant */
            token_type: "bearer";
        };
    };
    responses: {
        /** @description The request is malformed (for example the body id does not match the URL). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description A unique value is taken (for example a custom order number). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description No resource with this id (in this environment). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description Unexpected server error. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description Over the rate limit of this endpoint class (sliding window per IP). Slow down; the headers tell the limit. */
        TooManyRequests: {
            headers: {
                "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description The access token is missing, expired (code INVALID_TOKEN) or lacks the permission. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
        /** @description Validation failed; source.pointer names the member. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/vnd.api+json": components["schemas"]["ErrorDocument"];
            };
        };
    };
    parameters: {
        /** @description Sparse fieldset: only these addresses fields. */
        AddressFields: components["schemas"]["AddressFieldName"][];
        /**
         * @description Resource id.
         * @example BgnguJvXoS
         */
        AddressId: string;
        /** @description Related resources to include (comma-separated; dotted paths go deeper). */
        AddressInclude: ("geocoder" | "events" | "tags" | "versions" | "event_stores")[];
        /** @description Sparse fieldset: only these customers fields. */
        CustomerFields: components["schemas"]["CustomerFieldName"][];
        /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
        CustomerFilter: {
            q?: components["schemas"]["CustomerFilter"];
        };
        /**
         * @description Resource id.
         * @example dGQpBhLRmE
         */
        CustomerId: string;
        /** @description Related resources to include (comma-separated; dotted paths go deeper). */
        CustomerInclude: ("customer_group" | "customer_addresses" | "customer_payment_sources" | "customer_subscriptions" | "orders" | "order_subscriptions" | "returns" | "sku_lists" | "attachments" | "events" | "tags" | "jwt_customer" | "jwt_markets" | "jwt_stock_locations" | "event_stores")[];
        /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
        CustomerSort: components["schemas"]["CustomerSortField"][];
        /** @description Sparse fieldset: only these line_items fields. */
        LineItemFields: components["schemas"]["LineItemFieldName"][];
        /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
        LineItemFilter: {
            q?: components["schemas"]["LineItemFilter"];
        };
        /**
         * @description Resource id.
         * @example oDkxsWpxgK
         */
        LineItemId: string;
        /** @description Related resources to include (comma-separated; dotted paths go deeper). */
        LineItemInclude: ("order" | "item" | "sku" | "bundle" | "adjustment" | "gift_card" | "shipment" | "payment_method" | "line_item_options" | "return_line_items" | "shipment_line_items" | "stock_reservations" | "stock_line_items" | "stock_transfers" | "notifications" | "events" | "tags" | "event_stores")[];
        /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
        LineItemSort: components["schemas"]["LineItemSortField"][];
        /** @description Sparse fieldset: only these markets fields. */
        MarketFields: components["schemas"]["MarketFieldName"][];
        /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
        MarketFilter: {
            q?: components["schemas"]["MarketFilter"];
        };
        /**
         * @description Resource id.
         * @example vlkaZhkGNo
         */
        MarketId: string;
        /** @description Related resources to include (comma-separated; dotted paths go deeper). */
        MarketInclude: ("merchant" | "price_list" | "base_price_list" | "inventory_model" | "subscription_model" | "discount_engine" | "tax_calculator" | "customer_group" | "geocoder" | "default_shipping_method" | "default_payment_method" | "stores" | "price_list_schedulers" | "order_validation_rules" | "attachments" | "versions" | "event_stores")[];
        /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
        MarketSort: components["schemas"]["MarketSortField"][];
        /** @description Sparse fieldset: only these orders fields. */
        OrderFields: components["schemas"]["OrderFieldName"][];
        /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
        OrderFilter: {
            q?: components["schemas"]["OrderFilter"];
        };
        /**
         * @description Resource id.
         * @example wBXVhKzrnx
         */
        OrderId: string;
        /** @description Related resources to include (comma-separated; dotted paths go deeper). */
        OrderInclude: ("market" | "customer" | "shipping_address" | "billing_address" | "store" | "default_shipping_method" | "default_payment_method" | "available_payment_methods" | "available_customer_payment_sources" | "available_free_skus" | "available_free_bundles" | "payment_method" | "payment_source" | "discount_engine_item" | "line_items" | "line_item_options" | "stock_reservations" | "stock_line_items" | "stock_transfers" | "shipments" | "payment_options" | "transactions" | "authorizations" | "captures" | "voids" | "refunds" | "returns" | "order_subscription" | "order_subscriptions" | "order_factories" | "order_copies" | "recurring_order_copies" | "attachments" | "notifications" | "links" | "resource_errors" | "events" | "tags" | "versions" | "event_stores" | "line_items.item" | "shipments.shipping_method" | "shipments.available_shipping_methods")[];
        /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
        OrderSort: components["schemas"]["OrderSortField"][];
        /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
        PageNumber: number;
        /** @description Resources per page. */
        PageSize: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The interval of the limit, in seconds.
         * @example 60
         */
        "X-Ratelimit-Interval": number;
        /**
         * @description Requests allowed in the interval (average limit of this endpoint class).
         * @example 200
         */
        "X-Ratelimit-Limit": number;
        /**
         * @description Requests left in the current sliding window.
         * @example 187
         */
        "X-Ratelimit-Remaining": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createAddress: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these addresses fields. */
                "fields[addresses]"?: components["parameters"]["AddressFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["AddressInclude"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["AddressCreateDocument"];
            };
        };
        responses: {
            /** @description The new address. */
            201: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["AddressDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveAddress: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these addresses fields. */
                "fields[addresses]"?: components["parameters"]["AddressFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["AddressInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example BgnguJvXoS
                 */
                addressId: components["parameters"]["AddressId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The address. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["AddressDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these customers fields. */
                "fields[customers]"?: components["parameters"]["CustomerFields"];
                /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
                filter?: components["parameters"]["CustomerFilter"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["CustomerInclude"];
                /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
                "page[number]"?: components["parameters"]["PageNumber"];
                /** @description Resources per page. */
                "page[size]"?: components["parameters"]["PageSize"];
                /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
                sort?: components["parameters"]["CustomerSort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of customers. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["CustomerListDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createCustomer: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these customers fields. */
                "fields[customers]"?: components["parameters"]["CustomerFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["CustomerInclude"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["CustomerCreateDocument"];
            };
        };
        responses: {
            /** @description The new customer. */
            201: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["CustomerDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveCustomer: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these customers fields. */
                "fields[customers]"?: components["parameters"]["CustomerFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["CustomerInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example dGQpBhLRmE
                 */
                customerId: components["parameters"]["CustomerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["CustomerDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createLineItem: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these line_items fields. */
                "fields[line_items]"?: components["parameters"]["LineItemFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["LineItemInclude"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["LineItemCreateDocument"];
            };
        };
        responses: {
            /** @description The new line item. */
            201: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["LineItemDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveLineItem: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these line_items fields. */
                "fields[line_items]"?: components["parameters"]["LineItemFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["LineItemInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example oDkxsWpxgK
                 */
                lineItemId: components["parameters"]["LineItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The line item. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["LineItemDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteLineItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example oDkxsWpxgK
                 */
                lineItemId: components["parameters"]["LineItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    updateLineItem: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these line_items fields. */
                "fields[line_items]"?: components["parameters"]["LineItemFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["LineItemInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example oDkxsWpxgK
                 */
                lineItemId: components["parameters"]["LineItemId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["LineItemUpdateDocument"];
            };
        };
        responses: {
            /** @description The updated line item. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["LineItemDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listMarkets: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these markets fields. */
                "fields[markets]"?: components["parameters"]["MarketFields"];
                /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
                filter?: components["parameters"]["MarketFilter"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["MarketInclude"];
                /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
                "page[number]"?: components["parameters"]["PageNumber"];
                /** @description Resources per page. */
                "page[size]"?: components["parameters"]["PageSize"];
                /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
                sort?: components["parameters"]["MarketSort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of markets. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["MarketListDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveMarket: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these markets fields. */
                "fields[markets]"?: components["parameters"]["MarketFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["MarketInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example vlkaZhkGNo
                 */
                marketId: components["parameters"]["MarketId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The market. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["MarketDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    getAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The access token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these orders fields. */
                "fields[orders]"?: components["parameters"]["OrderFields"];
                /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
                filter?: components["parameters"]["OrderFilter"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["OrderInclude"];
                /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
                "page[number]"?: components["parameters"]["PageNumber"];
                /** @description Resources per page. */
                "page[size]"?: components["parameters"]["PageSize"];
                /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
                sort?: components["parameters"]["OrderSort"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["OrderListDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    createOrder: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these orders fields. */
                "fields[orders]"?: components["parameters"]["OrderFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["OrderInclude"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["OrderCreateDocument"];
            };
        };
        responses: {
            /** @description The new order (draft). */
            201: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["OrderDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveOrder: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these orders fields. */
                "fields[orders]"?: components["parameters"]["OrderFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["OrderInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["OrderDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    updateOrder: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these orders fields. */
                "fields[orders]"?: components["parameters"]["OrderFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["OrderInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.api+json": components["schemas"]["OrderUpdateDocument"];
            };
        };
        responses: {
            /** @description The updated order. */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["OrderDocument"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveOrderBillingAddress: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these addresses fields. */
                "fields[addresses]"?: components["parameters"]["AddressFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["AddressInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["AddressDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveOrderCustomer: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these customers fields. */
                "fields[customers]"?: components["parameters"]["CustomerFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["CustomerInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["CustomerDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listOrderLineItems: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these line_items fields. */
                "fields[line_items]"?: components["parameters"]["LineItemFields"];
                /** @description filter[q][<attribute>_<predicate>]=value (Ransack). Lists are comma-separated. */
                filter?: components["parameters"]["LineItemFilter"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["LineItemInclude"];
                /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
                "page[number]"?: components["parameters"]["PageNumber"];
                /** @description Resources per page. */
                "page[size]"?: components["parameters"]["PageSize"];
                /** @description Sort by these attributes, in order; a leading "-" sorts descending. */
                sort?: components["parameters"]["LineItemSort"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["LineItemListDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveOrderMarket: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these markets fields. */
                "fields[markets]"?: components["parameters"]["MarketFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["MarketInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["MarketDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    listOrderShipments: {
        parameters: {
            query?: {
                /** @description Page to return, from 1. Prefer keyset pagination (sort=id with filter[q][id_gt]) for deep lists. */
                "page[number]"?: components["parameters"]["PageNumber"];
                /** @description Resources per page. */
                "page[size]"?: components["parameters"]["PageSize"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["ShipmentListDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
    retrieveOrderShippingAddress: {
        parameters: {
            query?: {
                /** @description Sparse fieldset: only these addresses fields. */
                "fields[addresses]"?: components["parameters"]["AddressFields"];
                /** @description Related resources to include (comma-separated; dotted paths go deeper). */
                include?: components["parameters"]["AddressInclude"];
            };
            header?: never;
            path: {
                /**
                 * @description Resource id.
                 * @example wBXVhKzrnx
                 */
                orderId: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The related resource(s). */
            200: {
                headers: {
                    "X-Ratelimit-Interval": components["headers"]["X-Ratelimit-Interval"];
                    "X-Ratelimit-Limit": components["headers"]["X-Ratelimit-Limit"];
                    "X-Ratelimit-Remaining": components["headers"]["X-Ratelimit-Remaining"];
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.api+json": components["schemas"]["AddressDocument"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["ServerError"];
        };
    };
}
