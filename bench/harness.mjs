// Measurement helpers: paired interleaved blocks (median of per-pair ratios with IQR), medians.
export function quantiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/**
 * Runs A (baseline) and B in alternating blocks after a warm-up; per pair it records the time per
 * call of each and their ratio B/A. `concurrency` > 1 runs each block with that many calls in flight.
 *
 * The warm-up is 4,000 calls a side: measured call by call in a fresh process (bench server and
 * client), both raw fetch and the SDK take 2–6× their steady time over the first 1,000 calls and
 * settle only after 5,000–8,000 calls in all (V8 optimizing both, and the server warming up), so
 * the 300 a side used before left most blocks inside that warm-up. Blocks stay 200 calls long so
 * that each holds the scavenges its own garbage causes (one per ~300 calls): shorter blocks would
 * let the median skip garbage collection, and with it the cost of the side that allocates more.
 * 60 pairs: the median's spread between runs is about 1/√2 of what 30 gave (±5% on this 2-core VM).
 */
export async function paired(A, B, { block = 200, pairs = 60, warm = 4000, concurrency = 1 } = {}) {
  const runBlock = async (f) => {
    const start = performance.now();
    if (concurrency === 1) {
      for (let i = 0; i < block; i++) await f();
    } else {
      let left = block;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left-- > 0) await f();
        }),
      );
    }
    return ((performance.now() - start) * 1000) / block; // µs per call
  };
  for (let i = 0; i < warm; i++) {
    await A();
    await B();
  }
  const ratios = [];
  const ta = [];
  const tb = [];
  for (let p = 0; p < pairs; p++) {
    let a;
    let b;
    if (p % 2) {
      a = await runBlock(A);
      b = await runBlock(B);
    } else {
      b = await runBlock(B);
      a = await runBlock(A);
    }
    ta.push(a);
    tb.push(b);
    ratios.push(b / a);
  }
  const r = quantiles(ratios);
  return { baseline: quantiles(ta).median, value: quantiles(tb).median, ratio: r.median, iqr: [r.q1, r.q3] };
}

export function median(values) {
  return quantiles(values).median;
}

/**
 * `paired` run three times in a row, for a goal within 1.10× of raw fetch: the benchmark protocol
 * (`perf-anchors.md` §6, M1) has such a strict bar re-run three times and met when two of the
 * three runs meet it, since one run's median moves by ±5% on this host and the bar sits that close
 * to openapi-fetch's own floor. The figure is the median of the three runs' ratios (two of three
 * meet a bar exactly when their median does); `runs` keeps each run's ratio and IQR, so a miss in
 * one run stays on the record.
 */
export async function pairedThrice(A, B, options) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await paired(A, B, options));
  const mid = [...runs].sort((x, y) => x.ratio - y.ratio)[1];
  return {
    ...mid,
    runs: runs.map((r) => ({
      ratio: Math.round(r.ratio * 1000) / 1000,
      iqr: r.iqr.map((x) => Math.round(x * 1000) / 1000),
    })),
  };
}
