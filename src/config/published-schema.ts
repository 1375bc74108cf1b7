import type { TSchema } from '@sinclair/typebox';

/**
 * The JSON Schema users' editors validate against: the loader's schema with every defaulted property made
 * optional (the loader fills it in), with TypeBox's internal symbols dropped and keys in a stable order.
 */
export function publishedSchema(schema: TSchema, id: string, title: string): Record<string, unknown> {
  const cleaned = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  relaxDefaults(cleaned);
  const { $id: _ignored, ...rest } = cleaned;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, title, ...rest };
}

function relaxDefaults(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(relaxDefaults);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const s = node as { properties?: Record<string, { default?: unknown }>; required?: string[] };
  if (s.properties && s.required) {
    s.required = s.required.filter((k) => s.properties![k]?.default === undefined);
    if (s.required.length === 0) delete s.required;
  }
  for (const v of Object.values(node)) relaxDefaults(v);
}
