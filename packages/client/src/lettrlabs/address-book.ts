import type { LettrLabs } from "@orderkit/types";
import { type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { objectShape } from "./shapes.js";

export function createAddressBook(ctx: LettrLabsContext) {
  return {
    /** Saves a contact in the address book. Not retried. */
    async add(
      entry: LettrLabs.AddressBookEntry,
      options: RequestOptions = {},
    ): Promise<LettrLabs.AddressBookEntry> {
      return sendPayload(
        ctx,
        "addAddressBookEntry",
        () => ctx.raw.POST("/v1/address-book", { body: entry, signal: options.signal }),
        objectShape,
      );
    },
  };
}
