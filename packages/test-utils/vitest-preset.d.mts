import type { UserConfig } from "vitest/config";
/** The test settings every package shares (see vitest-preset.mjs). */
export declare function orderkitTestConfig(options?: {
  prism?: boolean;
  include?: string[];
  waitBound?: boolean;
}): UserConfig;
