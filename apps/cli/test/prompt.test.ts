import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { confirm } from "../src/prompt.js";

/** A terminal of the test's own: what is typed, and what is shown. */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  return { input, output: Object.assign(new PassThrough(), { isTTY: true }) };
}

afterEach(() => vi.restoreAllMocks());

describe("confirm", () => {
  it("Ctrl-C at the question is a stop (SIGINT to this process, for its one handler), never a no", async () => {
    const kill = vi.spyOn(process, "kill").mockImplementation(() => true);
    const io = terminal();
    let settled = false;
    const asked = confirm("Check out order 1?", false, { io }).finally(() => {
      settled = true;
    });
    io.input.write("\x03");
    await new Promise((r) => setTimeout(r, 20));
    expect(kill).toHaveBeenCalledWith(process.pid, "SIGINT");
    // Still asking: the stop ends the process, the question is never answered "no".
    expect(settled).toBe(false);
    io.input.write("y\r");
    await expect(asked).resolves.toBe(true);
  });

  it("a no refuses (exit 3), unless the caller takes a no as an answer; no terminal refuses", async () => {
    const io = terminal();
    const refused = confirm("Check out order 1?", false, { io });
    io.input.write("n\r");
    await expect(refused).rejects.toThrow("Not confirmed: nothing was charged.");
    const other = terminal();
    const answered = confirm("Is order 1 yours?", false, { io: other, refuse: false });
    other.input.write("\r");
    await expect(answered).resolves.toBe(false);
    const none = { input: new PassThrough(), output: new PassThrough() };
    await expect(confirm("Check out order 1?", false, { io: none })).rejects.toThrow(
      "stdin is not a terminal",
    );
  });

  it("Ctrl-D at the question (no answer) is a no: refused (exit 3), or false for a caller that takes a no", async () => {
    const io = terminal();
    const refused = confirm("Check out order 1?", false, { io });
    io.input.write("\x04");
    await expect(refused).rejects.toThrow("Not confirmed: nothing was charged.");
    const other = terminal();
    const answered = confirm("Is order 1 yours?", false, { io: other, refuse: false });
    other.input.write("\x04");
    await expect(answered).resolves.toBe(false);
  });

  it("input that ends at the question when the output is no terminal (stderr to a log) is a no, not a question left unsettled", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
    const output = new PassThrough();
    let shown = "";
    output.on("data", (d: Buffer) => (shown += d.toString()));
    const refused = confirm("Check out order 1?", false, { io: { input, output } });
    input.end();
    await expect(refused).rejects.toThrow("Not confirmed: nothing was charged.");
    expect(shown).toBe("Check out order 1? [y/N] \n");
  });

  it("a 'y' and the end of input read at once are the answer y", async () => {
    const io = terminal();
    const asked = confirm("Check out order 1?", false, { io });
    io.input.write("y\r\x04");
    await expect(asked).resolves.toBe(true);
    const plain = { input: Object.assign(new PassThrough(), { isTTY: true }), output: new PassThrough() };
    const piped = confirm("Check out order 1?", false, { io: plain });
    plain.input.end("y");
    await expect(piped).resolves.toBe(true);
  });
});
