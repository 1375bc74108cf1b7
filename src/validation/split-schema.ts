/**
 * Rewrites a JSON Schema so that every subschema becomes a `$ref` to one entry of `$defs`, identical subschemas
 * sharing one entry. It accepts exactly the same documents with exactly the same errors (ajv reports the
 * instancePath, keyword, params and message of the referenced schema as it would for the inlined one); only the
 * errors' schemaPath changes, which nothing here shows.
 *
 * Why: a CRD schema is one deeply nested tree, and ajv compiles a tree into one function. With every optional
 * branch written out and allErrors on, the 120 KB agentgateway schema became a 2.7 MB function that V8 must
 * compile whole the first time any object is checked, and the compilation's garbage made up most of the peak memory
 * of a synth. Split (and compiled with inlineRefs off), each subschema is a small function of its own: V8 compiles
 * only those our objects reach, and repeated shapes (secret references, pod specs, label selectors) are generated
 * once. The code shrinks about sevenfold.
 */

type Schema = Record<string, unknown>;

/** Keywords whose value is a map of name to subschema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);
/** Keywords whose value is one subschema. */
const SCHEMA_VALUES = new Set([
  'additionalProperties', 'items', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems',
]);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);

/**
 * Keywords that give a subschema a base URI or a name of its own: moving such a subschema would change what
 * references inside it mean. (Draft-04's "id" is not a keyword of the ajv we use.)
 */
const LOCATION_KEYWORDS = ['$id', '$anchor', '$dynamicAnchor', '$dynamicRef', '$recursiveRef', '$recursiveAnchor'];

/** The references splitting keeps intact: to a whole definition, which stays where it is. */
const MOVABLE_REF = /^#\/(definitions|\$defs)\/[^/]+$/;

/** Names of the hoisted subschemas under $defs; no upstream schema uses them. */
const PREFIX = 'split-';

/** The schema with every subschema hoisted into $defs, or the schema itself when it cannot be split safely. */
export function splitSchema(root: Schema): Schema {
  if (!splittable(root)) return root;
  const names = new Map<string, string>();
  const defs: Schema = {};
  const hoist = (schema: unknown): unknown => {
    const inner = visit(schema);
    if (!inner || typeof inner !== 'object' || Array.isArray(inner)) return inner; // `true`/`false` schemas stay
    const key = JSON.stringify(inner);
    let name = names.get(key);
    if (name === undefined) {
      name = `${PREFIX}${names.size}`;
      names.set(key, name);
      defs[name] = inner;
    }
    return { $ref: `#/$defs/${name}` };
  };
  const visit = (schema: unknown): unknown => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
    const out: Schema = {};
    for (const k in schema as Schema) {
      const v = (schema as Schema)[k];
      if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(hoist);
      else if (SCHEMA_VALUES.has(k)) out[k] = hoist(v);
      // Existing definitions are visited in place (their own pointers keep working) but not hoisted themselves.
      else if (SCHEMA_MAPS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) {
        const map: Schema = {};
        const inPlace = k === '$defs' || k === 'definitions';
        for (const name in v as Schema) map[name] = inPlace ? visit((v as Schema)[name]) : hoist((v as Schema)[name]);
        out[k] = map;
      } else out[k] = v;
    }
    return out;
  };
  const top = visit(root) as Schema;
  return { ...top, $defs: { ...((top.$defs as Schema | undefined) ?? {}), ...defs } };
}

/** Whether nothing in the schema depends on where its subschemas sit (see LOCATION_KEYWORDS and MOVABLE_REF). */
function splittable(node: unknown): boolean {
  if (!node || typeof node !== 'object') return true;
  if (Array.isArray(node)) return node.every(splittable);
  for (const key in node as Schema) {
    const value = (node as Schema)[key];
    // A property *named* like a keyword is caught too; such a schema is only left unsplit, which is always correct.
    if (LOCATION_KEYWORDS.includes(key)) return false;
    if (key === '$ref' && !(typeof value === 'string' && MOVABLE_REF.test(value))) return false;
    if ((key === '$defs' || key === 'definitions') && value && typeof value === 'object' && Object.keys(value).some((k) => k.startsWith(PREFIX))) return false;
    if (!splittable(value)) return false;
  }
  return true;
}
