export {
  type Direction,
  diffSpecs,
  formatReport,
  type Severity,
  type SpecChange,
  type SpecDiff,
} from "./diff.js";
export {
  APIS,
  type Api,
  guessApi,
  readSpec,
  typecheckClient,
  type UpgradeOptions,
  type UpgradeResult,
  upgradeSpec,
} from "./upgrade.js";
