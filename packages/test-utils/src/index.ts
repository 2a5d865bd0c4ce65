export { FAKE_PROOF_PDF, type Fault, FakeLettrLabs, type FakeLettrLabsOptions, type StoredOrder } from "./fake-lettrlabs.js";
export { freePort } from "./ports.js";
export { type PrismServer, type StartPrismOptions, startPrism } from "./prism.js";
export { REPO_ROOT, SPEC } from "./paths.js";
