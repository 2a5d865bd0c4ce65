import { orderkitTestConfig } from "./vitest-preset.mjs";

export default orderkitTestConfig();
