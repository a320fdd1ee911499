/** Length of node ids and keys in bytes (256-bit keyspace). */
export const ID_BYTES = 32;
/** Length of node ids and keys in bits. */
export const ID_BITS = ID_BYTES * 8;
/** Kademlia replication and bucket size `k` (Maymounkov & Mazières 2002, section 2.2). */
export const K = 20;
/** Kademlia lookup parallelism `alpha` (paper section 2.3). */
export const ALPHA = 3;
/** Default size of each bucket's replacement cache (paper section 4.1). */
export const REPLACEMENT_CACHE_SIZE = 8;
