import type { Prng } from "../../kernel/prng.js";

/**
 * Java's UUID.randomUUID().toString() drawn from a seeded generator: 32 lower-case hex digits in
 * groups 8-4-4-4-12, version 4, IETF variant. Each 32-bit word is made unsigned before it is
 * printed: a negative number would print as "-7c0..." and break the groups.
 */
export function randomUuid(prng: Prng): string {
  const words = [0, 1, 2, 3].map(() => prng.next() >>> 0);
  words[1] = ((words[1] & 0xffff0fff) | 0x00004000) >>> 0; // version 4
  words[2] = ((words[2] & 0x3fffffff) | 0x80000000) >>> 0; // IETF variant
  const hex = words.map((w) => w.toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A dynamic member's id, as the coordinator gives it (GroupMetadataManager: clientId + "-" + UUID). */
export function newMemberId(prefix: string, prng: Prng): string {
  return `${prefix}-${randomUuid(prng)}`;
}
