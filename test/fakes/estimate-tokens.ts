/**
 * Token counts the fakes' prompt caches use: four characters a token. The
 * share served from the cache is what matters, and every side of a
 * comparison counts by the same rule.
 */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
