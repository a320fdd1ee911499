import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datagram, echo, echoCodec, nodes } from "./readme-example.js";

describe("README examples", () => {
  it("run", () => {
    expect(datagram.length).toBe(72); // rid 42 is a one-byte fixint
    expect(nodes).toMatchObject({ type: "NODES", rid: 42, contacts: [{ host: "::1", port: 4000 }] });
    expect(echo).toMatchObject({ type: "ECHO", rid: 7, data: new Uint8Array([1, 2]) });
    expect(echoCodec.types).toContain("ECHOED");
  });

  it("are the code shown in README.md", () => {
    const source = readFileSync(new URL("./readme-example.ts", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const name of ["example", "spec example"]) {
      const example = source.split(`// --- ${name} start\n`)[1]!.split(`// --- ${name} end`)[0]!;
      expect(readme).toContain("```ts\n" + example + "```");
    }
  });
});
