import { describe, expect, it } from "vitest";
import { socketHosts } from "../src/platform/local-hosts.js";

describe("socketHosts", () => {
  const hosts = (): readonly string[] => ["fd00::5", "127.0.0.1", "198.18.0.5", "::1", "198.18.1.5"];

  it("is the bound address itself when the socket is bound to one", () => {
    expect(socketHosts("198.18.0.5", hosts)).toEqual(["198.18.0.5"]);
    expect(socketHosts("fd00::5", hosts)).toEqual(["fd00::5"]);
  });

  it("is the host's IPv4 addresses for 0.0.0.0, and all of them, IPv4 first, for ::", () => {
    expect(socketHosts("0.0.0.0", hosts)).toEqual(["127.0.0.1", "198.18.0.5", "198.18.1.5"]);
    expect(socketHosts("::", hosts)).toEqual(["127.0.0.1", "198.18.0.5", "198.18.1.5", "fd00::5", "::1"]);
  });
});
