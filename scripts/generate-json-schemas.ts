/**
 * Writes schemas/environment.schema.json and schemas/tenant.schema.json from the TypeBox definitions in
 * src/config/schema, for editors (`# yaml-language-server: $schema=...`). A test fails when they are stale.
 *
 * Run: npm run generate
 */
import { writeFileSync } from 'node:fs';
import { publishedSchemas } from '../src/config/schemas-to-publish.js';

for (const [file, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(file);
}
