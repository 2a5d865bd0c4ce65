import { describe, expect, it } from "vitest";
import { isLoopbackHost, serverKey } from "../src/index.js";

describe("serverKey / isLoopbackHost (one rule for 'this machine' and 'one server')", () => {
  it("every loopback spelling of one server is one key; the path's trailing slashes, case and default port aside", () => {
    const spellings = [
      "http://localhost:4010",
      "http://LOCALHOST:4010/",
      "http://127.0.0.1:4010//",
      "http://127.1.2.3:4010",
      "http://2130706433:4010",
      "http://0x7f.0.0.1:4010",
      "http://[::1]:4010",
      "http://[::]:4010",
      "http://[::ffff:127.0.0.1]:4010",
      "http://0.0.0.0:4010",
    ];
    expect(new Set(spellings.map(serverKey))).toEqual(new Set(["http://127.0.0.1:4010"]));
    expect(serverKey("https://API.Example.com.:443/v1/")).toBe("https://api.example.com/v1");
    expect(serverKey("https://api.example.com")).not.toBe(serverKey("https://api.example.org"));
    expect(serverKey("http://127.0.0.1:4010")).not.toBe(serverKey("http://127.0.0.1:4011"));
    expect(serverKey("http://127.0.0.1:4010/a")).not.toBe(serverKey("http://127.0.0.1:4010/b"));
  });

  it("names DNS may resolve elsewhere are not this machine", () => {
    for (const host of [
      "localhost.",
      "api.localhost",
      "127.0.0.1.example.com",
      "[::2]",
      "10.0.0.1",
      "128.0.0.1",
    ])
      expect(isLoopbackHost(host)).toBe(false);
    for (const host of ["localhost", "127.0.0.1", "[::1]", "[::]", "0.0.0.0", "[::ffff:7f00:1]"])
      expect(isLoopbackHost(host)).toBe(true);
    expect(serverKey("http://api.localhost:4010")).toBe("http://api.localhost:4010");
  });

  it("what is no http(s) URL is its own key, as written (never thrown on)", () => {
    for (const odd of [
      "app.lettrlabs.com",
      "null",
      "/api",
      "ftp://api.example.com",
      "mailto:ops@example.com",
    ])
      expect(serverKey(odd)).toBe(odd);
  });
});
