import { createProgram } from "../program.js";
import { registerAccount } from "./account.js";
import { registerCheckout } from "./checkout.js";
import { registerCommerceLayer } from "./commercelayer.js";
import { registerConfig } from "./config.js";
import { registerConversions } from "./conversions.js";
import { addExamples } from "./examples.js";
import { registerIntegrationOrders } from "./integration-orders.js";
import { registerOrders } from "./orders.js";
import { registerRecipients } from "./recipients.js";
import { registerSend } from "./send.js";

/**
 * The whole `orderkit` program: every command, with its examples and the exit codes in the root's
 * help. Building it runs nothing (commands load what they need when they run).
 */
export function createCliProgram() {
  const program = createProgram()
    // Under --json, stderr holds the JSON error line alone.
    .showHelpAfterError(!process.argv.includes("--json") && "(run with --help for usage)")
    .exitOverride();
  registerSend(program);
  registerOrders(program);
  registerRecipients(program);
  registerCheckout(program);
  registerAccount(program);
  registerConversions(program);
  registerIntegrationOrders(program);
  registerConfig(program);
  registerCommerceLayer(program);
  addExamples(program);
  return program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 API or network error (or the order cannot go on), 2 usage or input error,\n" +
      "3 confirmation refused, 4 the same send or create is running in another process, 5 already sent (see --allow-repeat).",
  );
}
