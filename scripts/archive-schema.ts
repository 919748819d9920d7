// npm run archive:schema — writes lib/export/crux-archive.schema.json from the Zod schema
// (lib/export/archive-schema.ts); a unit test fails while the committed file differs.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/config';
import { archiveJsonSchemaText } from '../lib/export/archive-schema';

const file = path.join(projectRoot, 'lib', 'export', 'crux-archive.schema.json');
fs.writeFileSync(file, archiveJsonSchemaText());
console.log(`Wrote ${path.relative(projectRoot, file)}`);
