/** Fresh names and ids for new and pasted nodes. */

const NAME_CHARS = /[^A-Za-z0-9._-]+/g;

/** `base`, or `base-2`, `base-3`… whichever is not taken. Names keep to the scenario's characters. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(NAME_CHARS, '-').replace(/^-+|-+$/g, '') || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** A node id not in `taken`: "n1", "n2"… */
export function uniqueId(prefix: string, taken: ReadonlySet<string>): string {
  for (let i = taken.size + 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}
