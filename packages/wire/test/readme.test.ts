import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datagram, nodes } from "./readme-example.js";

describe("README example", () => {
  it("runs", () => {
    expect(datagram.length).toBe(72); // rid 42 is a one-byte fixint
    expect(nodes).toMatchObject({ type: "NODES", rid: 42, contacts: [{ host: "::1", port: 4000 }] });
  });

  it("is the code shown in README.md", () => {
    const source = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
    const example = source.split("// --- example start\n")[1]!.split("// --- example end")[0]!;
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain("```ts\n" + example + "```");
  });
});
