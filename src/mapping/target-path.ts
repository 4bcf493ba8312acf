/**
 * Paths into the canonical record: "receipt.receivedAt", "petitioners[0].name". Compiled once
 * into setters that create the objects and lists on the way.
 */

/** Parses "a.b[0].c" into segments, or returns null when it is not a well-formed path. */
export function parseTargetPath(path: string): (string | number)[] | null {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[(?:0|[1-9][0-9]*)\])*)$/u.exec(part);
    if (m === null || m[1] === undefined) return null;
    out.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/gu)) out.push(Number(idx[1]));
  }
  return out;
}

type Container = Record<string, unknown> | unknown[];

function child(c: Container, seg: string | number, next: string | number): Container {
  const cur = (c as Record<string | number, unknown>)[seg];
  if (cur !== null && typeof cur === 'object') return cur as Container;
  const made: Container = typeof next === 'number' ? [] : {};
  (c as Record<string | number, unknown>)[seg] = made;
  return made;
}

/** Compiles segments into a setter over a plain object. */
export function compileSetter(
  segs: readonly (string | number)[],
): (out: Record<string, unknown>, value: unknown) => void {
  const last = segs[segs.length - 1];
  if (last === undefined) throw new Error('empty target path');
  if (segs.length === 1) {
    return (out, value) => {
      (out as Record<string | number, unknown>)[last] = value;
    };
  }
  const head = segs.slice(0, -1);
  return (out, value) => {
    let c: Container = out;
    for (let i = 0; i < head.length; i++) {
      c = child(c, head[i] as string | number, segs[i + 1] as string | number);
    }
    (c as Record<string | number, unknown>)[last] = value;
  };
}

/** Compiles segments into a setter that merges an object into one already there (groups). */
export function compileMerger(
  segs: readonly (string | number)[],
): (out: Record<string, unknown>, value: Record<string, unknown>) => void {
  const set = compileSetter(segs);
  return (out, value) => {
    let cur: unknown = out;
    for (const s of segs) {
      cur =
        cur !== null && typeof cur === 'object'
          ? (cur as Record<string | number, unknown>)[s]
          : undefined;
    }
    if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) Object.assign(cur, value);
    else set(out, value);
  };
}
