// The agreement report as a download (`?format=csv|json`): the same report the
// API answers, as the viewer may see it, written by lib/export/agreement.ts.
import { agreementCsv, agreementFilename, agreementJson } from '../export/agreement';
import { agreementQuerySchema, parseInput } from '../validation';
import { agreementFor } from './agreement';
import type { ServiceContext } from './context';
import type { ExportFile } from './exports';

export async function exportAgreement(ctx: ServiceContext, articleId: string | null, input: unknown): Promise<ExportFile> {
  const { format = 'json', ...query } = parseInput(agreementQuerySchema, input);
  const view = await agreementFor(ctx, articleId, query);
  const filename = agreementFilename(view, format);
  return format === 'csv'
    ? { filename, contentType: 'text/csv; charset=utf-8', body: agreementCsv(view) }
    : { filename, contentType: 'application/json; charset=utf-8', body: agreementJson(view) };
}
