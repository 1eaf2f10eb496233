/**
 * Which __consumer_offsets partition a group lives in, and so which broker coordinates it:
 * Kafka's GroupCoordinatorService.partitionFor, `Utils.abs(groupId.hashCode()) % numPartitions`.
 * Kafka uses Java's String.hashCode, so the same group id lands on the same partition number in
 * Kafka and here.
 */

/** Kafka's internal topic that stores committed offsets and group metadata (Topic.GROUP_METADATA_TOPIC_NAME). */
export const GROUP_METADATA_TOPIC_NAME = "__consumer_offsets";

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, in 32-bit int arithmetic. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE (whose Math.abs is itself, still
 * negative) maps to 0, so a modulo of the result is never negative.
 */
export function javaUtilsAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** The __consumer_offsets partition of `groupId`, given offsets.topic.num.partitions. */
export function partitionForGroup(groupId: string, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new RangeError(`numPartitions (offsets.topic.num.partitions) must be an integer >= 1, got ${numPartitions}`);
  }
  return javaUtilsAbs(javaStringHashCode(groupId)) % numPartitions;
}
