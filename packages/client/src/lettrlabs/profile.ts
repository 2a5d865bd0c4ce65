import type { LettrLabs } from "@orderkit/types";
import { type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { objectShape } from "./shapes.js";

export function createProfile(ctx: LettrLabsContext) {
  /** The profile of the account that owns the API key (the cheapest way to check a key). */
  return function me(options: RequestOptions = {}): Promise<LettrLabs.Profile> {
    // Not async (one promise less per call): the options are read inside the call, so a bad one
    // (`null`) rejects as an argument error like every other method's.
    return sendPayload(ctx, "getMe", () => ctx.raw.GET("/v1/me", { signal: options.signal }), objectShape);
  };
}
