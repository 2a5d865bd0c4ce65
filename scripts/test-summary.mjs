#!/usr/bin/env node
// Totals vitest's JSON reports of every package (<pkg>/.test-report/vitest.json) and prints
// them as the last line: "N passed, N failed" (", N skipped" when any were skipped).
// A package with a test script but no report counts as one failure: its tests did not run.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const group of ["packages", "apps"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, "package.json");
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    if (!pkg.scripts?.test) continue;
    const report = join(dir, name, ".test-report", "vitest.json");
    if (!existsSync(report)) {
      console.log(`${pkg.name}: no vitest report (its tests did not run to the end)`);
      failed += 1;
      continue;
    }
    const r = JSON.parse(readFileSync(report, "utf8"));
    const p = r.numPassedTests ?? 0;
    // A run can fail outside any test (an unhandled error, a type error): count it as one failure.
    const f = (r.numFailedTests ?? 0) || (r.success === false ? 1 : 0);
    const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`${pkg.name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
    passed += p;
    failed += f;
    skipped += s;
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
