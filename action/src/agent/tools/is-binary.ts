/**
 * Whether bytes look binary, by git's own rule: a NUL byte in the first
 * 8,000 bytes. Text in any encoding git would diff passes.
 */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8_000).includes(0);
}
