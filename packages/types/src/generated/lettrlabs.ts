/**
 * GENERATED FILE - DO NOT EDIT.
 * Made by `pnpm --filter @orderkit/types generate` (packages/types/scripts/generate.mjs)
 * with openapi-typescript from spec/lettrlabs/openapi.yaml. Edit the spec and regenerate.
 */
export interface paths {
    "/v1/address-book": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add an address-book entry
         * @description Inferred body and response (the vendor documents neither).
         */
        post: operations["addAddressBookEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recorded conversions
         * @description Paging parameters and the item shape are inferred.
         */
        get: operations["getConversions"];
        put?: never;
        /**
         * Record conversions (batch)
         * @description Validates each conversion and records the valid ones even when others are invalid. Each needs a
         *     revenue and at least one identifier (email, phone, address or coupon code). Pass your own orderId
         *     so that a repeated upload is recognised as a duplicate.
         */
        post: operations["createConversions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a conversion
         * @description Response shape inferred.
         */
        delete: operations["deleteConversion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversions/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Processing status of a conversion upload */
        get: operations["getConversionStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fonts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List handwriting fonts
         * @description Inferred response shape (the vendor documents none).
         */
        get: operations["getFonts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integration-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List integration orders (automations)
         * @description Paging parameters are inferred (not documented by the vendor).
         */
        get: operations["getIntegrationOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integration-orders/{id}-by-proximity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail the neighbours of an address through an automation
         * @description Inferred body and response (the vendor documents neither). The id and the suffix share one path segment, for example /v1/integration-orders/77-by-proximity.
         */
        post: operations["mailByProximity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integration-orders/{id}:mail-by-proximity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail the neighbours of an address (legacy alias)
         * @deprecated
         * @description Legacy alias with the same contract as POST /v1/integration-orders/{id}-by-proximity (operation mailByProximity). Use that route instead.
         */
        post: operations["mailByProximityCompat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integration-orders/{id}/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add one recipient to an automation
         * @description When the automation is Active the recipient is queued for mailing and uses subscription credits.
         */
        post: operations["postIntegrationOrderRecipient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Profile of the account that owns the API key
         * @description Cheapest way to check that an API key works.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders created through the API
         * @description Returns one page of the orders created through the API (orders created in the app are not listed).
         *     A deleted order is not listed. There is no total count: a page shorter than pageSize is the last one.
         */
        get: operations["getOrders"];
        put?: never;
        /**
         * Create a Draft order from a template
         * @description Creates an empty Draft order (no recipients, no charge). Not idempotent: every call creates a new
         *     order. After a timeout, list Draft orders before trying again.
         */
        post: operations["createOrderFromTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order-recipients-statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a statistic (a QR-code scan) for an order recipient */
        post: operations["scanOrderRecipientQrCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Cancel (delete) an order
         * @description Only orders in Draft or Edits Needed can be deleted. Refused with 400 and a reasonCode (for example
         *     ORDER_NOT_DELETABLE_STATUS) otherwise, and while a checkout is settling. A deleted order then reads
         *     as nonexistent.
         */
        delete: operations["deleteOrder"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Price preview (checkout summary); charges nothing */
        get: operations["previewOrderCheckout"];
        put?: never;
        /**
         * Check out and pay (charges money)
         * @description Charges prepaid credits (and, with autoBill, the saved payment method when credits are short) and
         *     submits the order to production. The order moves to "Payment Needed" at once and settles
         *     asynchronously; poll it after pollAfterSeconds. A payment failure rolls it back to Draft. While it
         *     settles, a second checkout, an order delete or a recipient delete is refused with 400.
         *     Not idempotent: never re-send after an ambiguous failure; read the order's status instead.
         */
        post: operations["submitOrderCheckout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PDF proof of an order
         * @description The rendered proof (front, inside and envelope where the product has them) as a PDF. The API is
         *     documented to answer with a JSON string holding the base64-encoded PDF; some deployments may answer
         *     with application/pdf bytes. Clients should accept both.
         */
        get: operations["getOrderProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/proof/{recipient}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PDF proof of an order, merged with one recipient's fields
         * @description Same as getOrderProof, with the mail-merge fields of the given recipient filled in.
         */
        get: operations["getOrderRecipientProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/recipient-delivery-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * USPS delivery status of each recipient of an order
         * @description Inferred shape; the vendor documents only that each entry has a status from the delivery-status vocabulary.
         */
        get: operations["getRecipientDeliveryStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/recipients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an order's recipients */
        get: operations["getOrderRecipients"];
        /**
         * Append recipients to a Draft order
         * @description Adds recipients to those the order already has (it does not replace them). Only while the order is
         *     Draft or Edits Needed; otherwise 400 "invalid status". Addresses are validated: recipients with an
         *     invalid address, duplicates and do-not-mail entries are reported as undeliverable and not added.
         *     At most 1000 recipients per request (stated by an older guide only; clients should chunk).
         */
        put: operations["appendOrderRecipients"];
        post?: never;
        /**
         * Remove recipients from an order
         * @description Refused with 400 while a checkout is settling.
         */
        delete: operations["deleteOrderRecipients"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/{id}/recipients:append": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Append recipients (legacy alias)
         * @deprecated
         * @description Legacy alias with the same contract as PUT /v1/order/{id}/recipients (operation appendOrderRecipients). Use that route instead.
         */
        put: operations["appendOrderRecipientsCompat"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery and QR-code analytics per campaign */
        get: operations["getOrderAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/order/transaction": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Billing transactions per campaign */
        get: operations["getOrderTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List templates
         * @description Inferred response shape (the vendor documents none).
         */
        get: operations["getTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One template
         * @description Inferred response shape (the vendor documents none).
         */
        get: operations["getTemplateById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/zapierActions/address-book": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add an address-book entry (legacy alias)
         * @deprecated
         * @description Legacy alias with the same contract as POST /v1/address-book (operation addAddressBookEntry). Use that route instead.
         */
        post: operations["addAddressBookEntryCompat"];
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
        /** @description Inferred body of an address-book entry. */
        AddressBookEntry: {
            address1: string;
            address2?: string | null;
            city: string;
            country?: string | null;
            email?: string | null;
            firstName?: string | null;
            readonly id?: number;
            lastName?: string | null;
            phoneNumber?: string | null;
            state: string;
            toOrganization?: string | null;
            zipCode: string;
        };
        AddressBookEntryResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["AddressBookEntry"];
        };
        AnalyticsResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: {
                orderId?: number;
                orders: components["schemas"]["OrderAnalytics"][];
                status?: string;
            };
        };
        AppendRecipientsRequest: {
            recipients: components["schemas"]["Recipient"][];
        };
        AppendRecipientsResponse: components["schemas"]["OrderEnvelope"] & {
            payload: components["schemas"]["AppendResult"];
        };
        AppendResult: components["schemas"]["OrderRef"] & {
            /** @description Recipients added to the order by this request. */
            acceptedRecipients?: number;
            deliverable?: {
                addressInvalidated?: number;
                addressValidated?: number;
            };
            /** @description Recipients received in this request. */
            submittedRecipients?: number;
            /**
             * @deprecated
             * @description Same as acceptedRecipients.
             */
            totalRecipients?: number;
            undeliverable?: {
                doNotMail?: number;
                duplicated?: number;
                invalidAddress?: number;
                undeliverableRecipients?: components["schemas"]["UndeliverableRecipient"][];
            };
        };
        CheckoutPreview: components["schemas"]["OrderRef"] & {
            /** @description What would be charged after credits. */
            balance?: number;
            credits?: components["schemas"]["LineItem"][];
            lineItems: components["schemas"]["LineItem"][];
            /**
             * Format: date-time
             * @description Inferred (the documented payload is cut off after balance).
             */
            productionCompletionDate?: string | null;
            totalCharges: number;
            totalCredits?: number;
            totalTax?: number;
        };
        CheckoutPreviewResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["CheckoutPreview"];
        };
        CheckoutRequest: {
            /** @description true lets the API charge the saved payment method when prepaid credits are not enough. */
            autoBill?: boolean;
            /**
             * Format: date-time
             * @description Hold mailing until this date; must be after the normal production completion date.
             */
            holdUntilDate?: string | null;
            postageType: components["schemas"]["PostageType"];
            productionSpeed: components["schemas"]["ProductionSpeed"];
        };
        /** @description The settlement fields are documented by the vendor's tools without their position; this spec places them in the payload (inferred). Clients also read them at the top level. */
        CheckoutResult: components["schemas"]["OrderRef"] & {
            orderStatus?: components["schemas"]["OrderStatus"];
            /** @description Wait this long before reading the order's status again. */
            pollAfterSeconds?: number;
            /** @description Payment normally settles within this time. */
            settlementExpectedWithinSeconds?: number;
        };
        CheckoutSubmitResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["CheckoutResult"];
        };
        /** @description A conversion (an outcome such as a purchase). Needs revenue and at least one identifier. */
        Conversion: {
            businessName?: string | null;
            couponCode?: string | null;
            crmId?: string | null;
            customerId?: string | null;
            /**
             * Format: date-time
             * @description When it happened (UTC); defaults to the time of the call.
             */
            eventDate?: string | null;
            firstName?: string | null;
            fullName?: string | null;
            lastName?: string | null;
            /** @description Your own order id (not a LettrLabs order id); used to recognise duplicates. */
            orderId?: string | null;
            primaryAddress?: components["schemas"]["ConversionAddress"];
            primaryEmail?: string | null;
            primaryPhoneNumber?: string | null;
            /** @description Older docs type it as a number and newer examples as a string; this spec uses a number. */
            revenue: number;
            secondaryAddress?: components["schemas"]["ConversionAddress"];
            secondaryEmail?: string | null;
            secondaryPhoneNumber?: string | null;
            storeId?: string | null;
            type?: string | null;
            uniqueId?: string | null;
        };
        ConversionAddress: {
            address1?: string | null;
            address2?: string | null;
            city?: string | null;
            country?: string | null;
            fullAddress?: string | null;
            state?: string | null;
            zipCode?: string | null;
        };
        ConversionCreateResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["ConversionResult"][];
        };
        ConversionDeleteResponse: components["schemas"]["ProfileEnvelope"] & {
            /** @description Inferred. */
            payload: {
                deleted?: boolean;
                id?: number;
            };
        };
        ConversionListResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["ConversionRecord"][];
        };
        /** @description A recorded conversion (inferred shape). */
        ConversionRecord: components["schemas"]["Conversion"] & {
            /** Format: date-time */
            createdDate?: string;
            id: number;
        };
        /** @description A submitted conversion with its validation result (the validation fields are inferred). */
        ConversionResult: components["schemas"]["Conversion"] & {
            isValid?: boolean;
            validationErrors?: string[];
        };
        ConversionStatus: {
            dataSourceType?: string | null;
            fileName?: string | null;
            id: number;
            /** @description Processing status; the vocabulary is not documented. */
            status: string;
            /** Format: date-time */
            uploadDate?: string;
        };
        ConversionStatusResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["ConversionStatus"];
        };
        CreateOrderRequest: {
            /**
             * Format: int32
             * @description Id of a template designed in the app.
             */
            templateId: number;
        };
        DeleteRecipientsRequest: {
            /** @description Ids of the recipients to remove (the API spells the key recipientsIds). */
            recipientsIds: number[];
        };
        DeliveredStatus: {
            atLocalFacility?: number;
            delivered?: number;
            inTransit?: number;
            mailed?: number;
        };
        /**
         * @description USPS delivery status of one recipient.
         * @enum {string}
         */
        DeliveryStatus: "Waiting on USPS Info" | "Mailed" | "In Transit" | "At Local Facility" | "Undeliverable" | "Delivered" | "No Tracking Available";
        /** @description Inferred shape. */
        DeliveryStatusResponse: components["schemas"]["OrderEnvelope"] & {
            payload: components["schemas"]["OrderRef"] & {
                recipients: components["schemas"]["RecipientDeliveryStatus"][];
            };
        };
        /** @description Fields every JSON response wrapper carries. */
        Envelope: {
            errors: string[];
            hasErrors: boolean;
            hasWarnings?: boolean;
            warnings?: string[];
        };
        /** @description A refused request. reasonCode, when present, is machine-readable (for example ORDER_NOT_DELETABLE_STATUS, TEMPLATE_IN_USE); the list of codes is open. */
        ErrorEnvelope: components["schemas"]["Envelope"] & {
            errorDetails?: unknown[];
            message?: string;
            payload?: unknown;
            reasonCode?: string;
        };
        /** @description Inferred shape of a handwriting font. */
        Font: {
            id: number;
            label?: string | null;
            name: string;
            previewUrl?: string | null;
        } & {
            [key: string]: unknown;
        };
        FontListResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["Font"][];
        };
        /** @description A serialised authorization refusal. */
        ForbiddenError: {
            authenticationSchemes?: string[];
            properties?: {
                items?: {
                    [key: string]: string;
                };
            };
        };
        /** @description Inferred shape of an automation. */
        IntegrationOrder: {
            /** Format: date-time */
            createdDate?: string;
            id: number;
            /** @description For example Shopify, Klaviyo, ServiceTitan, Schedule. */
            integrationType?: string | null;
            name?: string;
            /** @description For example Active or Paused. */
            status?: string;
            templateId?: number | null;
        } & {
            [key: string]: unknown;
        };
        IntegrationOrderListResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["IntegrationOrder"][];
        };
        /** @description One flat recipient for an automation. Return-address fields override the template's; give all of them or none. Closed to other fields, as an order's recipient is (assumed, since the API drops a field it does not have without a word). */
        IntegrationRecipient: {
            address1: string;
            address2?: string | null;
            /** Format: date-time */
            anniversary?: string | null;
            /** Format: date-time */
            birthDay?: string | null;
            city: string;
            country?: string | null;
            custom1?: string | null;
            custom2?: string | null;
            custom3?: string | null;
            custom4?: string | null;
            custom5?: string | null;
            custom6?: string | null;
            email?: string | null;
            firstName?: string | null;
            fullAddress?: string | null;
            image1?: string | null;
            image2?: string | null;
            image3?: string | null;
            image4?: string | null;
            image5?: string | null;
            image6?: string | null;
            lastName?: string | null;
            qrUrl?: string | null;
            returnAddress1?: string | null;
            returnAddress2?: string | null;
            returnCity?: string | null;
            returnFirstName?: string | null;
            returnLastName?: string | null;
            returnOrganization?: string | null;
            returnState?: string | null;
            returnTitle?: string | null;
            returnZip?: string | null;
            salutation?: string | null;
            state: string;
            toOrganization?: string | null;
            zipCode: string;
        };
        IntegrationRecipientResponse: components["schemas"]["ProfileEnvelope"] & {
            /** @description Inferred. */
            payload: {
                integrationOrderId?: number;
                queued?: boolean;
                recipientId?: number;
            } & {
                [key: string]: unknown;
            };
        };
        /** @description One priced line; subItems break it down further. */
        LineItem: {
            name?: string;
            quantity?: number;
            rate?: number;
            subItems?: components["schemas"]["LineItem"][];
            tax?: number;
            total?: number;
            transactionSubType?: string | null;
            transactionType?: string | null;
        };
        /** @description Inferred body. */
        MailByProximityRequest: {
            address: components["schemas"]["RecipientAddress"];
            maxRecipients?: number;
            radiusInMiles?: number;
        };
        MailByProximityResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: {
                integrationOrderId?: number;
                queuedRecipients?: number;
            } & {
                [key: string]: unknown;
            };
        };
        MeResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["Profile"];
        };
        /** @description An order as listed by getOrders. */
        Order: {
            deliveredStatus?: components["schemas"]["DeliveredStatus"];
            handwrittenFont?: string | null;
            /** Format: date-time */
            holdUntilDate?: string | null;
            /** Format: int32 */
            id: number;
            /** Format: date-time */
            mailedDate?: string | null;
            /** Format: date-time */
            paidDate?: string | null;
            postageType?: components["schemas"]["PostageTypeName"];
            productionSpeed?: components["schemas"]["ProductionSpeedName"];
            productType?: string | null;
            qrCodeUrl?: string | null;
            /** @description Present with showRecipients=true. */
            recipients?: components["schemas"]["OrderListRecipient"][];
            status: components["schemas"]["OrderStatus"];
        };
        OrderAnalytics: {
            campaignName?: string | null;
            delivered?: number;
            inTransit?: number;
            localFacility?: number;
            mailed?: number;
            maxEstimatedDeliveredDate?: string | null;
            minEstimatedDeliveredDate?: string | null;
            orderId?: number;
            orderStatus?: string;
            paidDate?: string | null;
            postageType?: components["schemas"]["PostageTypeName"];
            product?: string | null;
            productionSpeed?: components["schemas"]["ProductionSpeedName"];
            qrCode?: {
                /** Format: date-time */
                lastScan?: string | null;
                recipients?: {
                    firstName?: string | null;
                    id?: number;
                    lastName?: string | null;
                    /** Format: date-time */
                    lastScan?: string | null;
                    /** @description A number sent as a string by the API. */
                    totalScans?: string;
                }[];
                totalScans?: number;
            };
            status?: string;
            totalCards?: number;
            undeliverable?: number;
            waitingUSPS?: number;
        };
        /** @description Wrapper used by order and recipient responses (no profile). */
        OrderEnvelope: components["schemas"]["Envelope"] & {
            errorDetails?: unknown[];
        };
        /** @description Flat recipient shape used inside getOrders (only the leading fields are documented; extra keys allowed). */
        OrderListRecipient: {
            address1?: string | null;
            address2?: string | null;
            city?: string | null;
            country?: string | null;
            email?: string | null;
            firstName?: string | null;
            id?: number;
            lastName?: string | null;
            orderId?: number;
            phoneNumber?: string | null;
            salutation?: string | null;
            state?: string | null;
            toOrganization?: string | null;
            zipCode?: string | null;
        } & {
            [key: string]: unknown;
        };
        OrderListResponse: components["schemas"]["OrderEnvelope"] & {
            payload: {
                orderId?: number;
                orders: components["schemas"]["Order"][];
                status?: string;
            };
        };
        OrderRecipientStatistic: {
            /** Format: int32 */
            orderId: number;
            orderRecipient?: components["schemas"]["StatisticRecipient"];
            /** Format: int32 */
            orderRecipientId: number;
            /**
             * @description Statistic kind; 0 (QR-code scan) is the only documented value.
             * @enum {integer}
             */
            statisticName: 0;
            statisticValue?: string | null;
        };
        OrderRecipientStatisticResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["OrderRecipientStatistic"];
        };
        /** @description Base of most order payloads. */
        OrderRef: {
            /** Format: int32 */
            orderId: number;
            /** @description Order status (see OrderStatus); may be empty on list payloads. */
            status: string;
        };
        /**
         * @description Order lifecycle status. Note the spaces, and that InShipping has none.
         * @enum {string}
         */
        OrderStatus: "Draft" | "Edits Needed" | "Payment Needed" | "Paid" | "Ready For Production" | "In Production" | "In QA" | "InShipping" | "Mailed" | "Refunded" | "Cancelled" | "Deleted" | "Error";
        OrderStatusResponse: components["schemas"]["OrderEnvelope"] & {
            payload: components["schemas"]["OrderRef"];
        };
        OrderTransactions: {
            costPerPiece?: number;
            /** Format: date-time */
            createdDate?: string;
            detail?: components["schemas"]["PriceBreakdown"];
            discount?: components["schemas"]["PriceBreakdown"];
            email?: string | null;
            isCredit?: boolean;
            orderId?: number;
            orderStatus?: string;
            /** Format: date-time */
            orderUpdatedDate?: string | null;
            /** Format: date-time */
            paidDate?: string | null;
            product?: string | null;
            profileId?: number;
            status?: string;
            totalPrice?: number;
            transactions?: components["schemas"]["Transaction"][];
            transactionSubType?: string | null;
            transactionType?: string | null;
            volume?: number;
        };
        /**
         * @description Postage that can be bought through the API.
         * @enum {string}
         */
        PostageType: "Standard" | "FirstClass";
        /**
         * @description Postage type as reported on existing orders. Known values are Standard, FirstClass and HailTrace (storm mail, not orderable through the API); kept open so that new values do not break clients.
         * @example Standard
         * @example FirstClass
         * @example HailTrace
         */
        PostageTypeName: string;
        PriceBreakdown: {
            basePrice?: number;
            doubleSided?: number;
            expedited?: number;
            extraText?: number;
            postagePrice?: number;
        };
        /**
         * @description Production speed that can be bought through the API.
         * @enum {string}
         */
        ProductionSpeed: "Normal" | "ExpeditedFaster" | "ExpeditedFastest";
        /**
         * @description Production speed as reported on existing orders. Known values are Normal, ExpeditedFaster, ExpeditedFastest and HailTrace; kept open.
         * @example Normal
         * @example ExpeditedFaster
         * @example HailTrace
         */
        ProductionSpeedName: string;
        Profile: {
            /** Format: uuid */
            aadId?: string;
            company?: string | null;
            /** Format: date-time */
            created?: string;
            email: string;
            firstName?: string | null;
            /** Format: int32 */
            id: number;
            lastName?: string | null;
            shouldProcessQrCodes?: boolean;
        };
        /** @description Wrapper used by profile, checkout, analytics and conversion responses. */
        ProfileEnvelope: components["schemas"]["Envelope"] & {
            metadata?: {
                [key: string]: unknown;
            };
            profile?: components["schemas"]["Profile"];
        };
        ProofErrorEnvelope: components["schemas"]["OrderEnvelope"] & {
            payload?: boolean;
        };
        /** @description A recipient of an order. On input leave id out. Closed to other fields, as RecipientAddress. */
        Recipient: {
            address: components["schemas"]["RecipientAddress"];
            /** Format: int32 */
            id?: number;
            metadata?: components["schemas"]["RecipientMetadata"];
            personal?: components["schemas"]["RecipientPersonal"];
        };
        /** @description Mailing address. Only address1, city, state and zipCode are required. Closed to other fields (our choice): the API's model has no others, and drops an unknown key without a word, so a misspelt field would mail the card without it. */
        RecipientAddress: {
            address1: string;
            address2?: string | null;
            city: string;
            /** @description US only. */
            country?: string | null;
            /** @description Two-letter US state code. */
            state: string;
            /** @description Delivery point. */
            zip2?: string | null;
            zip4?: string | null;
            /** @description 5-digit or ZIP+4 US ZIP code. */
            zipCode: string;
        };
        RecipientDeliveryStatus: {
            recipientId: number;
            status: components["schemas"]["DeliveryStatus"];
            /** Format: date-time */
            statusDate?: string | null;
        };
        RecipientListResponse: components["schemas"]["OrderEnvelope"] & {
            payload: components["schemas"]["OrderRef"] & {
                recipients: components["schemas"]["Recipient"][];
            };
        };
        /** @description Mail-merge fields, variable images (public URLs), return-address overrides (give a complete return address or none) and tracking fields. Closed to other fields, as RecipientAddress. */
        RecipientMetadata: {
            custom1?: string | null;
            custom2?: string | null;
            custom3?: string | null;
            custom4?: string | null;
            custom5?: string | null;
            custom6?: string | null;
            /** @description Set by the API on responses (inferred). */
            deliveryStatus?: string | null;
            dpvConfirmationCode?: string | null;
            email?: string | null;
            fullAddress?: string | null;
            image1?: string | null;
            image2?: string | null;
            image3?: string | null;
            image4?: string | null;
            image5?: string | null;
            image6?: string | null;
            qrUrl?: string | null;
            radiusPinAddress?: string | null;
            radiusPinStreet?: string | null;
            returnAddress1?: string | null;
            returnAddress2?: string | null;
            returnCity?: string | null;
            returnFirstName?: string | null;
            returnLastName?: string | null;
            returnOrganization?: string | null;
            returnState?: string | null;
            returnTitle?: string | null;
            returnZip?: string | null;
            salutation?: string | null;
            text?: string | null;
            text2?: string | null;
        };
        /** @description The recipient's name. Closed to other fields, as RecipientAddress. */
        RecipientPersonal: {
            firstName?: string | null;
            lastName?: string | null;
            salutation?: string | null;
            toOrganization?: string | null;
        };
        RecipientRejection: {
            message?: string;
            /** @description For example DUPLICATE_RECIPIENT or ADDRESS_NOT_VALID; the list is open. */
            reasonCode: string;
        };
        /** @description Per-recipient refusals. Extra keys are allowed because the vendor does not fix the wrapper key. */
        RecipientRejectionError: {
            message?: string;
            reasonCode?: string;
            results?: components["schemas"]["RecipientRejection"][];
        } & {
            [key: string]: unknown;
        };
        ServerError: {
            message?: string;
            reasonCode?: string;
        };
        StatisticRecipient: {
            address1?: string | null;
            address2?: string | null;
            city?: string | null;
            country?: string | null;
            /** Format: date-time */
            createdDate?: string | null;
            customerEmail?: string | null;
            customerName?: string | null;
            customerOrganization?: string | null;
            firstName?: string | null;
            fullAddress?: string | null;
            id?: number;
            lastName?: string | null;
            qrCode?: string | null;
            qrCodeScanCount?: number;
            qrUrl?: string | null;
            salespersonName?: string | null;
            state?: string | null;
            toOrganization?: string | null;
            zipCode?: string | null;
        } & {
            [key: string]: unknown;
        };
        /** @description Inferred shape of a template. */
        Template: {
            /** Format: date-time */
            createdDate?: string;
            handwrittenFont?: string | null;
            id: number;
            name: string;
            productType?: string | null;
            thumbnailUrl?: string | null;
            /** Format: date-time */
            updatedDate?: string | null;
        } & {
            [key: string]: unknown;
        };
        TemplateListResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["Template"][];
        };
        TemplateResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: components["schemas"]["Template"];
        };
        Transaction: {
            amount?: number;
            /** Format: date-time */
            createdDate?: string;
            customerSubscriptionId?: number | null;
            description?: string | null;
            id?: number;
            isCredit?: boolean;
            orderId?: number;
            profileId?: number;
            transactionSubType?: string | null;
            transactionType?: string | null;
            /** Format: date-time */
            updatedDate?: string | null;
        } & {
            [key: string]: unknown;
        };
        TransactionsResponse: components["schemas"]["ProfileEnvelope"] & {
            payload: {
                orderId?: number;
                orders: components["schemas"]["OrderTransactions"][];
                status?: string;
            };
        };
        /** @description A bare JSON string. */
        UnauthorizedError: string;
        UndeliverableRecipient: {
            address?: components["schemas"]["RecipientAddress"];
            metadata?: components["schemas"]["RecipientMetadata"];
            personal?: components["schemas"]["RecipientPersonal"];
            /** @description Why the recipient was not added (for example Duplicate, DoNotMail, InvalidAddress). */
            reason?: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description Inferred. The saved entry with its id. */
        AddressBookEntryResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AddressBookEntryResponse"];
            };
        };
        /** @description How many recipients were submitted and accepted, and why the others were not added. */
        AppendResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AppendRecipientsResponse"];
            };
        };
        /** @description The request was refused. errors[] says why; reasonCode is a machine-readable reason when the API gives one. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The order cannot be deleted in its status, or a checkout is settling. */
        DeleteRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The account's subscription tier does not include API integrations. The body may also be empty. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ForbiddenError"];
            };
        };
        /** @description Inferred. How many neighbours were queued. */
        MailByProximityResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["MailByProximityResponse"];
            };
        };
        /** @description Inferred. The vendor does not document how an unknown or deleted id is answered; this spec assumes 404 with the error envelope. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The proof PDF. As JSON, a string holding the base64-encoded PDF; as application/pdf, the bytes. */
        Proof: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": string;
                "application/pdf": string;
            };
        };
        /** @description The proof could not be rendered. */
        ProofError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ProofErrorEnvelope"];
            };
        };
        /** @description The recipient was rejected. Each entry of results carries a reasonCode (the wrapper key "results" is inferred). */
        RecipientRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RecipientRejectionError"];
            };
        };
        /** @description Unexpected server error. The body may hold internal details; clients must not show it. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServerError"];
            };
        };
        /** @description The X-API-KEY header is missing or the key is not valid. The body is a bare JSON string. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UnauthorizedError"];
            };
        };
    };
    parameters: {
        /**
         * @description Comma-separated campaign (order) ids.
         * @example 48213
         */
        CampaignIds: string;
        /**
         * @description Conversion id.
         * @example 5521
         */
        ConversionId: number;
        /**
         * @description Integration order (automation) id.
         * @example 77
         */
        IntegrationOrderId: number;
        /**
         * @description Order id.
         * @example 48213
         */
        OrderId: number;
        /** @description Page to return, counting from 0. */
        PageNumber: number;
        /** @description Items per page. The maximum of 500 is inferred (enforced by the vendor's own tools, not documented by the API). */
        PageSize: number;
    };
    requestBodies: {
        AddressBookEntry: {
            content: {
                "application/json": components["schemas"]["AddressBookEntry"];
            };
        };
        AppendRecipients: {
            content: {
                "application/json": components["schemas"]["AppendRecipientsRequest"];
            };
        };
        MailByProximity: {
            content: {
                "application/json": components["schemas"]["MailByProximityRequest"];
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    addAddressBookEntry: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AddressBookEntry"];
        responses: {
            200: components["responses"]["AddressBookEntryResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getConversions: {
        parameters: {
            query?: {
                /** @description Page to return, counting from 0. */
                pageNumber?: components["parameters"]["PageNumber"];
                /** @description Items per page. The maximum of 500 is inferred (enforced by the vendor's own tools, not documented by the API). */
                pageSize?: components["parameters"]["PageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of conversions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    createConversions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Conversion"][];
            };
        };
        responses: {
            /** @description Validation result for each submitted conversion. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionCreateResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteConversion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Conversion id.
                 * @example 5521
                 */
                id: components["parameters"]["ConversionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversion was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionDeleteResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getConversionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Conversion id.
                 * @example 5521
                 */
                id: components["parameters"]["ConversionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The processing status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversionStatusResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getFonts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The available fonts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FontListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getIntegrationOrders: {
        parameters: {
            query?: {
                /** @description Page to return, counting from 0. */
                pageNumber?: components["parameters"]["PageNumber"];
                /** @description Items per page. The maximum of 500 is inferred (enforced by the vendor's own tools, not documented by the API). */
                pageSize?: components["parameters"]["PageSize"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The automations of the account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationOrderListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    mailByProximity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Integration order (automation) id.
                 * @example 77
                 */
                id: components["parameters"]["IntegrationOrderId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["MailByProximity"];
        responses: {
            200: components["responses"]["MailByProximityResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    mailByProximityCompat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Integration order (automation) id.
                 * @example 77
                 */
                id: components["parameters"]["IntegrationOrderId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["MailByProximity"];
        responses: {
            200: components["responses"]["MailByProximityResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    postIntegrationOrderRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Integration order (automation) id.
                 * @example 77
                 */
                id: components["parameters"]["IntegrationOrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationRecipient"];
            };
        };
        responses: {
            /** @description The recipient was accepted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationRecipientResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["RecipientRejected"];
            500: components["responses"]["ServerError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrders: {
        parameters: {
            query?: {
                /**
                 * @description Comma-separated order ids, for example "48213,48214".
                 * @example 48213,48214
                 */
                id?: string;
                /** @description Page to return, counting from 0. */
                pageNumber?: components["parameters"]["PageNumber"];
                /** @description Items per page. The maximum of 500 is inferred (enforced by the vendor's own tools, not documented by the API). */
                pageSize?: components["parameters"]["PageSize"];
                /** @description true lists paid orders only, false unpaid orders only; omitted, both. */
                paid?: boolean;
                /** @description Postage type. */
                postage?: components["schemas"]["PostageType"];
                /**
                 * @description Product type, for example Postcard or Letter.
                 * @example Postcard
                 */
                product?: string;
                /** @description Include each order's recipients (flat shape). */
                showRecipients?: boolean;
                /** @description Only orders in this status. */
                status?: components["schemas"]["OrderStatus"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    createOrderFromTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequest"];
            };
        };
        responses: {
            /** @description The new order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderStatusResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    scanOrderRecipientQrCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderRecipientStatistic"];
            };
        };
        responses: {
            /** @description The recorded statistic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderRecipientStatisticResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderStatusResponse"];
                };
            };
            400: components["responses"]["DeleteRefused"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    previewOrderCheckout: {
        parameters: {
            query?: {
                /**
                 * @description Hold mailing until this date (ISO 8601); must be after the normal production completion date.
                 * @example 2026-12-15T00:00:00Z
                 */
                holdUntilDate?: string;
                /** @description Postage to price. Default Standard. */
                postage?: components["schemas"]["PostageType"];
                /** @description Production speed to price. Default Normal. */
                production?: components["schemas"]["ProductionSpeed"];
            };
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The price of checking out with these options. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutPreviewResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    submitOrderCheckout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckoutRequest"];
            };
        };
        responses: {
            /** @description Checkout accepted; payment is settling. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckoutSubmitResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrderProof: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Proof"];
            400: components["responses"]["ProofError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrderRecipientProof: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
                /**
                 * @description Recipient id whose mail-merge fields fill the proof.
                 * @example 903114
                 */
                recipient: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Proof"];
            400: components["responses"]["ProofError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getRecipientDeliveryStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delivery status per recipient. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryStatusResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrderRecipients: {
        parameters: {
            query?: {
                /** @description Page to return, counting from 0. */
                pageNumber?: components["parameters"]["PageNumber"];
                /** @description Items per page. The maximum of 500 is inferred (enforced by the vendor's own tools, not documented by the API). */
                pageSize?: components["parameters"]["PageSize"];
                /** @description Search on recipient name, address or organization. */
                query?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of recipients. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipientListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    appendOrderRecipients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AppendRecipients"];
        responses: {
            200: components["responses"]["AppendResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    deleteOrderRecipients: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteRecipientsRequest"];
            };
        };
        responses: {
            /** @description The recipients were removed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderStatusResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    appendOrderRecipientsCompat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id.
                 * @example 48213
                 */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AppendRecipients"];
        responses: {
            200: components["responses"]["AppendResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrderAnalytics: {
        parameters: {
            query: {
                /**
                 * @description Comma-separated campaign (order) ids.
                 * @example 48213
                 */
                Id: components["parameters"]["CampaignIds"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Analytics for each requested campaign (order). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getOrderTransactions: {
        parameters: {
            query: {
                /**
                 * @description Comma-separated campaign (order) ids.
                 * @example 48213
                 */
                Id: components["parameters"]["CampaignIds"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transactions for each requested campaign (order). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account's templates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateListResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
    getTemplateById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Template id, as passed to createOrderFromTemplate.
                 * @example 12345
                 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["ServerError"];
        };
    };
    addAddressBookEntryCompat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AddressBookEntry"];
        responses: {
            200: components["responses"]["AddressBookEntryResult"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["ServerError"];
        };
    };
}
