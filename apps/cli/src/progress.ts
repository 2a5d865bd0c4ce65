import { note } from "./output.js";

/** Progress of a long step: a bar with rate and ETA on a TTY, plain lines otherwise. */
export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

/** Starts a progress display for `total` units on stderr. */
export async function startProgress(label: string, total: number): Promise<Progress> {
  if (!process.stderr.isTTY) {
    // Plain lines for logs: at most one per 10% or per 5 seconds, and the last one.
    let lastDone = -1;
    let lastAt = 0;
    return {
      update(done, detail) {
        const step = Math.max(1, Math.ceil(total / 10));
        const now = Date.now();
        const due =
          done === total || Math.floor(done / step) > Math.floor(lastDone / step) || now - lastAt >= 5000;
        if (done === lastDone || !due) return;
        lastDone = done;
        lastAt = now;
        note(`${label}: ${done}/${total}${detail ? ` (${detail})` : ""}`);
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} {detail}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: 0, detail: "" });
  return {
    update(done, detail) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0, detail: detail ?? "" });
    },
    stop() {
      bar.stop();
    },
  };
}
