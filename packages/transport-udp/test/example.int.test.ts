import { expect, it } from "vitest";
import type { Address } from "@plexus/core";
import { createUdpTransport } from "../src/index.js";
import { within } from "./harness.js";

it("README example", async () => {
  const a = createUdpTransport();
  const b = createUdpTransport({ host: "127.0.0.1" });
  const bAddress = await b.start();
  await a.start();
  const got = within(
    new Promise<{ text: string; from: Address }>((resolve) =>
      b.onDatagram((data, from) => resolve({ text: new TextDecoder().decode(data), from })),
    ),
    5_000,
  );
  a.send(bAddress, new TextEncoder().encode("hello"));
  expect(await got).toEqual({ text: "hello", from: a.address });
  await Promise.all([a.stop(), b.stop()]);
  expect(a.stats().datagramsSent).toBe(1);
});
