/**
 * Test helpers for Plexus packages and for anyone implementing its contracts:
 * a manual clock, a seeded random source, and the shared transport contract suite.
 * @packageDocumentation
 */
export { ManualClock } from "./manual-clock.js";
export { SeededRandom } from "./seeded-random.js";
