// orderkit-spec diff [old.yaml] <new.yaml> [--api name] [--json]
// orderkit-spec upgrade <new.yaml> [--api name] [--root dir]
import { join, resolve } from "node:path";
import { diffSpecs, formatReport } from "./diff.js";
import { apisOf, guessApi, readSpec, upgradeSpec } from "./upgrade.js";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

function main(argv: string[]): number {
  const args = [...argv];
  const command = args.shift();
  const json = args.includes("--json");
  if (json) args.splice(args.indexOf("--json"), 1);
  const api = flag(args, "--api");
  const root = resolve(flag(args, "--root") ?? process.env.INIT_CWD ?? process.cwd());
  const apis = apisOf(root);
  if (api && !apis.includes(api)) throw new Error(`--api must be one of ${apis.join(", ")}.`);
  if (command === "diff") {
    if (args.length < 1 || args.length > 2)
      throw new Error("usage: spec:diff [old.yaml] <new.yaml> [--api name] [--json]");
    const newPath = resolve(root, args[args.length - 1] as string);
    const next = readSpec(newPath);
    const which = api ?? guessApi(next, root);
    const oldPath =
      args.length === 2
        ? resolve(root, args[0] as string)
        : which
          ? join(root, "spec", which, "openapi.yaml")
          : undefined;
    if (!oldPath)
      throw new Error("Cannot tell which committed spec to compare with; pass --api or both files.");
    const diff = diffSpecs(readSpec(oldPath), next);
    process.stdout.write(json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatReport(diff)}\n`);
    return 0;
  }
  if (command === "upgrade") {
    if (args.length !== 1) throw new Error("usage: spec:upgrade <new.yaml> [--api name]");
    const result = upgradeSpec(resolve(root, args[0] as string), { root, api });
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ ...result, typecheck: result.typecheck?.ok ?? null }, null, 2)}\n`,
      );
      return result.typecheck?.ok === false ? 1 : 0;
    }
    process.stdout.write(`${formatReport(result.diff, `Upgrade of the ${result.api} spec`)}\n\n`);
    if (!result.typecheck) {
      process.stdout.write(
        `No semantic change: spec/${result.api}/openapi.yaml left as it is, no types regenerated, no changeset written.\n`,
      );
      return 0;
    }
    process.stdout.write(`Types regenerated. Changeset written: ${result.changeset}\n`);
    process.stdout.write(
      result.typecheck.ok
        ? "The client and the CLI type-check against the new types.\n"
        : `${result.typecheck.output}\n`,
    );
    return result.typecheck.ok ? 0 : 1;
  }
  throw new Error("usage: orderkit-spec diff|upgrade …");
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
