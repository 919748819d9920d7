// Every export format by the name the API and the CLI take (`format=`).
import { claimReviewFormat } from './claimreview';
import { csvFormat } from './csv';
import type { ExportFormat, ExportFormatId } from './format';
import { webAnnotationFormat } from './web-annotation';

/** The formats drawn from the claim views; JSON is the archive (lib/services/archive-export.ts). */
export const FORMATS: Record<Exclude<ExportFormatId, 'json'>, ExportFormat> = {
  csv: csvFormat,
  claimreview: claimReviewFormat,
  w3c: webAnnotationFormat,
};
