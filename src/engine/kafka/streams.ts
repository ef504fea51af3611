/** Random stream ids: each actor draws from its own stream (see rng.ts). */
export const producerStream = (p: number) => 1_000 + p;
export const memberStream = (m: number) => 1_000_000 + m;
