// The values the Prism globalSetup provides to tests through vitest's inject().
import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of Prism mocking spec/lettrlabs/openapi.yaml. */
    lettrlabsPrismUrl: string;
    /** Base URL of Prism mocking spec/commercelayer/openapi.yaml. */
    commercelayerPrismUrl: string;
  }
}
