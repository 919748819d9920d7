// The archive's schema: the committed JSON Schema is the one the Zod schema
// generates, and both accept what the exporter writes (ajv for the JSON Schema,
// as a consumer outside Crux would check it).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveJsonSchemaText, archiveSchema } from '../../lib/export/archive-schema';
import { consistencyProblems } from '../../lib/services/archive-import';
import { ctxFor, useDatabase } from './support/database';
import { archiveText, buildRichFixture } from './support/archive-fixture';

const committedFile = path.join(process.cwd(), 'lib', 'export', 'crux-archive.schema.json');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(committedFile, 'utf8')) as object);
}

describe('archive JSON Schema', () => {
  it('the committed file is the generated one (npm run archive:schema rewrites it)', () => {
    expect(fs.readFileSync(committedFile, 'utf8')).toBe(archiveJsonSchemaText());
  });

  it('the archive the e2e tests import is valid and consistent (tests/e2e/fixtures)', () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'tests', 'e2e', 'fixtures', 'crux-archive.json'), 'utf8')) as unknown;
    const parsed = archiveSchema.parse(fixture);
    expect(consistencyProblems(parsed)).toEqual([]);
    expect(validator()(fixture)).toBe(true);
  });

  describe('accepts what the exporter writes', () => {
    const t = useDatabase();
    let exported: unknown;
    beforeAll(async () => {
      const fixture = await buildRichFixture(t.db);
      exported = JSON.parse(await archiveText(ctxFor(t.db, fixture.editor)));
    }, 60_000);

    it('the Zod schema and the JSON Schema (ajv) both accept the export', () => {
      expect(archiveSchema.safeParse(exported).error).toBeUndefined();
      const validate = validator();
      expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    });

    it('the JSON Schema refuses what the Zod schema refuses', () => {
      const validate = validator();
      const broken = structuredClone(exported) as { articles: { claims: { start: unknown; verdicts: { rating: unknown }[] }[] }[]; version: unknown };
      broken.articles[0]!.claims[0]!.verdicts[0]!.rating = 'maybe';
      expect(validate(broken)).toBe(false);
      expect(archiveSchema.safeParse(broken).success).toBe(false);
      const wrongVersion = { ...(exported as object), version: 2 };
      expect(validate(wrongVersion)).toBe(false);
      expect(archiveSchema.safeParse(wrongVersion).success).toBe(false);
    });
  });
});
