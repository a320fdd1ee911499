/** The fields of a type that has none: one frozen empty list, never written to. */
export const NO_FIELDS: readonly unknown[] = Object.freeze([]);
