export {
  type Direction,
  diffSpecs,
  formatReport,
  type Severity,
  type SpecChange,
  type SpecDiff,
} from "./diff.js";
export {
  type Api,
  apisOf,
  guessApi,
  readSpec,
  typecheckClient,
  typecheckConsumers,
  type UpgradeOptions,
  type UpgradeResult,
  upgradeSpec,
} from "./upgrade.js";
