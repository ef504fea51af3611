/**
 * A 64-bit FNV-1a hash (two 32-bit lanes) over the canonical JSON of each event (of any
 * system: the kernel knows no broker). Two runs have
 * the same hash exactly when their logs are byte-identical as JSON.
 */
export class LogHasher {
  private a = 0x811c9dc5;
  private b = 0xcbf29ce4;

  add(e: object): void {
    const text = JSON.stringify(e);
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 7);
    }
    a = Math.imul(a ^ 10, 0x01000193);
    this.a = a;
    this.b = b;
  }

  hex(): string {
    return (
      (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0')
    );
  }
}

export function logHash(events: readonly object[]): string {
  const h = new LogHasher();
  for (const e of events) h.add(e);
  return h.hex();
}
