import type { LettrLabs } from "@orderkit/types";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { arrayShape, objectShape } from "./shapes.js";

export function createTemplates(ctx: LettrLabsContext) {
  const { raw } = ctx;
  return {
    templates: {
      /** The account's templates. */
      async list(options: RequestOptions = {}): Promise<LettrLabs.Template[]> {
        return sendPayload(
          ctx,
          "getTemplates",
          () => raw.GET("/v1/templates", { signal: options.signal }),
          arrayShape,
        );
      },
      /** One template by id. */
      async retrieve(templateId: number, options: RequestOptions = {}): Promise<LettrLabs.Template> {
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
    async fonts(options: RequestOptions = {}): Promise<LettrLabs.Font[]> {
      return sendPayload(ctx, "getFonts", () => raw.GET("/v1/fonts", { signal: options.signal }), arrayShape);
    },
  };
}
