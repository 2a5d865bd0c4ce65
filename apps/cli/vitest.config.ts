import { orderkitTestConfig } from "@orderkit/test-utils/vitest";

export default orderkitTestConfig({ prism: true, waitBound: true });
