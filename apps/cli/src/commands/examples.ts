import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Program } from "../program.js";

/** Example lines shown at the end of each command's --help, by command path ("" is the root). */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "": [
    "orderkit me",
    "orderkit send --template 12345 --csv recipients.csv --proof proof.pdf",
    "orderkit orders list --status Draft --json",
  ],
  send: [
    "orderkit send --template 12345 --csv recipients.csv --proof proof.pdf",
    "orderkit send --template 12345 --csv recipients.csv --dry-run",
    "orderkit send --template 12345 --csv leads.csv --map 'Mailing Street=address1' --yes --json",
  ],
  "orders list": ["orderkit orders list --status Draft --json"],
  "orders get": ["orderkit orders get 48213", "orderkit orders get 48213 --json"],
  "orders create": ["orderkit orders create --template 12345"],
  "orders cancel": ["orderkit orders cancel 48213"],
  "recipients list": [
    "orderkit recipients list 48213 --query Reyes",
    "orderkit recipients list 48213 --page 1 --page-size 500 --json",
  ],
  "recipients add": [
    "orderkit recipients add 48213 --csv more-recipients.csv",
    "orderkit recipients add 48213 --csv crm.csv --map 'Mailing Street=address1'",
  ],
  "recipients remove": ["orderkit recipients remove 48213 903114 903115"],
  proof: ["orderkit proof 48213 -o proof.pdf", "orderkit proof 48213 -o jordan.pdf --recipient 903114"],
  "checkout preview": ["orderkit checkout preview 48213 --postage FirstClass --production ExpeditedFaster"],
  "checkout submit": [
    "orderkit checkout submit 48213 --postage Standard --production Normal",
    "orderkit checkout submit 48213 --yes --auto-bill",
  ],
  wait: ["orderkit wait 48213 --timeout 600"],
  "delivery-status": ["orderkit delivery-status 48213 --json"],
  me: ["orderkit me", "LETTRLABS_API_KEY=LL-API-… orderkit me --json"],
  "templates list": ["orderkit templates list"],
  "templates get": ["orderkit templates get 12345 --json"],
  fonts: ["orderkit fonts"],
  analytics: ["orderkit analytics --orders 47990,48213"],
  transactions: ["orderkit transactions --orders 47990 --json"],
  "conversions list": ["orderkit conversions list --page-size 500 --json"],
  "conversions create": [
    "orderkit conversions create --csv sales.csv   # columns: primaryEmail,revenue,orderId,eventDate",
  ],
  "conversions remove": ["orderkit conversions remove 5521"],
  "conversions status": ["orderkit conversions status 5521"],
  "integration-orders list": ["orderkit integration-orders list"],
  "config get": ["orderkit config get", "orderkit config get api-key"],
  "config path": ["orderkit config path"],
  "config set": ["orderkit config set api-key LL-API-xxxxxxxx"],
  "integration-orders add-recipient": [
    "orderkit integration-orders add-recipient 77 --first-name Maria --address1 '2150 N Lincoln Ave' --city Chicago --state IL --zip 60614",
  ],
  "commercelayer orders list": [
    "orderkit commercelayer orders list --status placed",
    "orderkit commercelayer orders list --all --json",
  ],
  "commercelayer orders get": ["orderkit commercelayer orders get wBXVhKzrnx"],
  "commercelayer orders create": [
    "orderkit commercelayer orders create --market vlkaZhkGNo --email jordan@example.com --reference WEB-1001",
  ],
  "commercelayer orders place": ["orderkit commercelayer orders place wBXVhKzrnx"],
  "commercelayer orders cancel": ["orderkit commercelayer orders cancel wBXVhKzrnx"],
  "commercelayer line-items add": [
    "orderkit commercelayer line-items add wBXVhKzrnx --sku TSHIRTMM000000FFFFFFXLXX --quantity 2 --merge",
  ],
  "commercelayer line-items set": [
    "orderkit commercelayer line-items set wBXVhKzrnx --sku TSHIRTMM000000FFFFFFXLXX --quantity 2",
  ],
};

function path(cmd: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Adds the examples above to every command that has some. */
export function addExamples(program: Program): void {
  const visit = (cmd: CommandUnknownOpts) => {
    const lines = EXAMPLES[path(cmd)];
    if (lines) cmd.addHelpText("after", `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}`);
    cmd.commands.forEach(visit);
  };
  visit(program);
}
