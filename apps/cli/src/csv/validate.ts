import type { LettrLabs } from "@orderkit/client";

/** USPS state and territory codes, including military (AA, AE, AP). */
const STATES = new Set(
  (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA " +
    "RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP"
  ).split(" "),
);
const ZIP = /^[0-9]{5}(-?[0-9]{4})?$/;

/** Problems of one recipient row, empty when it can be sent. */
export function validateRecipient(r: LettrLabs.Recipient): string[] {
  const problems: string[] = [];
  const a = r.address;
  if (!a.address1) problems.push("missing address1");
  if (!a.city) problems.push("missing city");
  if (!a.state) problems.push("missing state");
  else if (!STATES.has(a.state.toUpperCase())) problems.push(`bad state code "${a.state}"`);
  if (!a.zipCode) problems.push("missing zip");
  else if (!ZIP.test(a.zipCode)) problems.push(`bad ZIP "${a.zipCode}"`);
  return problems;
}
