/**
 * Test helpers for Plexus packages and for anyone implementing its contracts:
 * a manual clock and a seeded random source. The transport contract suite (which needs
 * vitest) lives apart, at `@plexus/core/contract`.
 * @packageDocumentation
 */
export { ManualClock } from "./manual-clock.js";
export { SeededRandom } from "./seeded-random.js";
