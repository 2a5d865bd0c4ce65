export {
  envelope as lettrLabsEnvelope,
  FAKE_PROOF_PDF,
  FakeLettrLabs,
  type FakeLettrLabsOptions,
  type Fault,
  type StoredOrder,
  type StoredRecipient,
} from "./fake-lettrlabs.js";
export { APIS, REPO_ROOT, specOf } from "./paths.js";
export { freePort } from "./ports.js";
export { type PrismServer, type StartPrismOptions, startPrism } from "./prism.js";

import "./provided.js";

export {
  type ClFault,
  type FakeClOrder,
  FakeCommerceLayer,
  type FakeCommerceLayerOptions,
} from "./fake-commercelayer.js";
export {
  assertSchedules,
  type FaultKind,
  FOREIGN_TEMPLATE,
  faultRuns,
  faultSeed,
  faultTimeout,
  lettrLabsFault,
  scheduleArb,
} from "./fault-schedule.js";
export { connectionRefused } from "./refused.js";
export {
  type LettrLabsSandbox,
  type LettrLabsSandboxOptions,
  SANDBOX_API_KEY,
  SANDBOX_TEMPLATE,
  type SandboxExchange,
  type SandboxTemplate,
  startLettrLabsSandbox,
} from "./sandbox.js";
