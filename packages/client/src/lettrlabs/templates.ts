import type { LettrLabs } from "@orderkit/types";
import { type CallOptions, idParam, type LettrLabsContext, sendPayload } from "./call.js";
import { arrayShape, objectShape } from "./shapes.js";

export function createTemplates(ctx: LettrLabsContext) {
  const { raw } = ctx;
  return {
    templates: {
      /** The account's templates. */
      async list(options: CallOptions = {}): Promise<LettrLabs.Template[]> {
        return sendPayload(
          ctx,
          "getTemplates",
          () => raw.GET("/v1/templates", { signal: options.signal }),
          arrayShape,
        );
      },
      /** One template by id. */
      async get(templateId: number, options: CallOptions = {}): Promise<LettrLabs.Template> {
        const id = idParam(ctx, templateId, "templateId");
        return sendPayload(
          ctx,
          "getTemplateById",
          () => raw.GET("/v1/templates/{id}", { params: { path: { id } }, signal: options.signal }),
          objectShape,
        );
      },
    },
    /** The handwriting fonts. */
    async fonts(options: CallOptions = {}): Promise<LettrLabs.Font[]> {
      return sendPayload(ctx, "getFonts", () => raw.GET("/v1/fonts", { signal: options.signal }), arrayShape);
    },
  };
}
