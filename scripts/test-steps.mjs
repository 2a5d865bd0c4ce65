// The turbo runs of `npm test` (scripts/bootstrap.mjs), in order.
// The stale-types check runs alone, first: in one turbo run with anything that builds, turbo may
// run `generate` (which rewrites the very files the check reads) before the check, which then
// passes on stale or hand-edited types, and caches that pass under their hash.
export const TEST_STEPS = [
  ["generate:check"],
  ["lint", "typecheck", "test", "--continue", "--concurrency=2"],
];
