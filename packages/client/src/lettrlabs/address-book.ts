import type { LettrLabs } from "@orderkit/types";
import type { LettrLabsContext, RequestOptions } from "./call.js";
import { sendPlainWrite } from "./plain-write.js";
import { objectShape } from "./shapes.js";

export function createAddressBook(ctx: LettrLabsContext) {
  return {
    /** Saves a contact in the address book. Not retried; a failure once it was sent is `ambiguous_write`. */
    async add(
      entry: LettrLabs.AddressBookEntry,
      options: RequestOptions = {},
    ): Promise<LettrLabs.AddressBookEntry> {
      return sendPlainWrite(
        ctx,
        "addAddressBookEntry",
        "check the address book in the LettrLabs app",
        () => ctx.raw.POST("/v1/address-book", { body: entry, signal: options.signal }),
        objectShape,
      );
    },
  };
}
