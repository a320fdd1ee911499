/**
 * @plexus/node/testing: simulated networks of real nodes on `@plexus/transport-memory`,
 * a manual clock and a seeded random source, for tests and the simulator app.
 * @packageDocumentation
 */
export { createTestnet, ids } from "./testnet.js";
export { settleOn } from "./settle.js";
export type { Testnet, TestnetOptions } from "./testnet.js";
