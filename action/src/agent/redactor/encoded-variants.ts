/**
 * The forms a secret value takes when a program prints it encoded: itself,
 * URL-encoded, JSON-escaped, and base64 (standard and URL-safe alphabets). Base64 of a
 * value inside a longer string depends on where it starts modulo 3 bytes,
 * so for each of the three alignments only the characters that depend on the
 * value alone are kept. That catches `x-access-token:<token>` in a Basic
 * auth header as well as a bare base64 of the token.
 */
export function encodedVariants(value: string): string[] {
  const variants = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  const bytes = Buffer.from(value, "utf8");
  for (let offset = 0; offset < 3; offset++) {
    const core = base64Core(bytes, offset);
    variants.add(core);
    variants.add(core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...variants];
}

// Characters of base64(offset filler bytes + value) whose 6 bits all come from the value.
function base64Core(bytes: Buffer, offset: number): string {
  const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
  const encoded = padded.toString("base64").replace(/=+$/, "");
  const first = Math.ceil((offset * 8) / 6);
  const end = Math.floor(((offset + bytes.length) * 8) / 6);
  return encoded.slice(first, end);
}
