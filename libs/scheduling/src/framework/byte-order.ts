// Go compares strings byte by byte (UTF-8); JavaScript compares UTF-16 code units. The two orders differ
// only where a surrogate pair meets a character in U+E000..U+FFFF; shifting those ranges restores code
// point (= UTF-8 byte) order.

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

/** Orders strings as Go's `sort.Strings` does: by their UTF-8 bytes. */
export function compareByteWise(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
