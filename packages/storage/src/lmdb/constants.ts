/** Largest value `putMeta` of the LMDB store accepts (16 MiB): room for a full routing table. */
export const MAX_META_VALUE_BYTES = 16 * 1024 * 1024;
/** Longest meta name, in UTF-16 code units; LMDB keys are at most 511 bytes. */
export const MAX_META_NAME_LENGTH = 100;
