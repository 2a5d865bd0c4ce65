import { orderkitTestConfig } from "@orderkit/test-utils/vitest";

const config = orderkitTestConfig({ prism: true });
// Packing, installing with npm and driving a browser take longer than unit tests.
config.test = { ...config.test, testTimeout: 360_000, hookTimeout: 600_000, fileParallelism: false };
export default config;
