/** One field that differs between two versions of an object: a dotted path and its old and new values. */
export interface FieldChange {
  readonly path: string;
  /** Absent when the field was added. */
  readonly before?: unknown;
  /** Absent when the field was removed. */
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Path segment: a plain key as is, anything else quoted (annotation keys hold dots and slashes). */
const segment = (key: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/**
 * The field-level differences between two objects, sorted by path. Maps are compared key by key; lists of objects
 * with a `name` are compared by name (containers, env, ports), other lists by position.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const p = `${path}${segment(k)}`;
      if (!(k in before)) return [{ path: p.replace(/^\./, ''), after: after[k] }];
      if (!(k in after)) return [{ path: p.replace(/^\./, ''), before: before[k] }];
      return fieldChanges(before[k], after[k], p);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const named = (a: unknown[]) => a.length > 0 && a.every((x) => isObject(x) && typeof x.name === 'string') && new Set(a.map((x) => (x as { name: string }).name)).size === a.length;
    if (named(before) && named(after)) {
      const byName = (a: unknown[]) => Object.fromEntries(a.map((x) => [(x as { name: string }).name, x]));
      const b = byName(before);
      const a = byName(after);
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
      return keys.flatMap((k) => {
        const p = `${path}[name=${k}]`;
        if (!(k in b)) return [{ path: p.replace(/^\./, ''), after: a[k] }];
        if (!(k in a)) return [{ path: p.replace(/^\./, ''), before: b[k] }];
        return fieldChanges(b[k], a[k], p);
      });
    }
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= before.length) out.push({ path: p.replace(/^\./, ''), after: after[i] });
      else if (i >= after.length) out.push({ path: p.replace(/^\./, ''), before: before[i] });
      else out.push(...fieldChanges(before[i], after[i], p));
    }
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path.replace(/^\./, ''), before, after }];
}
