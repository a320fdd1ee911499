import { describe, expect, it } from "vitest";
import { AddressObserver } from "../src/reachability/address-observer.js";

const at = (host: string, port = 4000) => ({ host, port });

describe("AddressObserver", () => {
  it("agrees on an address only once observers in 3 distinct subnets report it", () => {
    const observer = new AddressObserver({ quorum: 3 });
    observer.observe(at("198.18.1.1"), at("198.18.0.7"));
    observer.observe(at("198.18.1.2"), at("198.18.0.7")); // same /24: one vote, the latest
    observer.observe(at("198.18.2.1"), at("198.18.0.7"));
    expect(observer.agreed()).toBeUndefined();
    observer.observe(at("198.18.3.1"), at("198.18.0.7"));
    expect(observer.agreed()).toEqual({ address: at("198.18.0.7"), symmetric: false });
  });

  it("is not moved by one liar, and follows the majority", () => {
    const observer = new AddressObserver({ quorum: 3 });
    for (const subnet of [1, 2, 3, 4]) observer.observe(at(`198.18.${subnet}.1`), at("198.18.0.7"));
    observer.observe(at("198.18.9.1"), at("198.19.66.66"));
    expect(observer.agreed()?.address).toEqual(at("198.18.0.7"));
  });

  it("sees a symmetric NAT: one host, a different port per observer", () => {
    const observer = new AddressObserver({ quorum: 3 });
    for (const subnet of [1, 2, 3, 4]) observer.observe(at(`198.18.${subnet}.1`), at("198.18.0.9", 20_000 + subnet));
    expect(observer.agreed()).toMatchObject({ address: { host: "198.18.0.9" }, symmetric: true });
  });

  it("takes one odd port (a mapping that expired and came back) as noise, not as a symmetric NAT", () => {
    const observer = new AddressObserver({ quorum: 3 });
    observer.observe(at("198.18.1.1"), at("198.18.0.9", 5000));
    observer.observe(at("198.18.2.1"), at("198.18.0.9", 5000));
    observer.observe(at("198.18.3.1"), at("198.18.0.9", 6000));
    expect(observer.agreed()).toEqual({ address: at("198.18.0.9", 5000), symmetric: false });
  });

  it("keeps at most maxObservers subnets", () => {
    const observer = new AddressObserver({ quorum: 3, maxObservers: 4 });
    for (let subnet = 0; subnet < 100; subnet++) observer.observe(at(`198.18.${subnet}.1`), at("198.18.0.7"));
    expect(observer.observers).toBe(4);
  });
});
