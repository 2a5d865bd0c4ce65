import type { sendAttempt as nodeSendAttempt } from "./undici-timeout.js";

/**
 * The browser build's undici-timeout.ts (the package's `browser` condition; tsup.browser.ts swaps
 * this file in): a browser's `fetch` takes no dispatcher, so every attempt is sent as it is, with
 * its signal, and the bundle carries none of that file's code.
 */
export const sendAttempt: typeof nodeSendAttempt = (network, _timing, url, init) => network(url, init);
