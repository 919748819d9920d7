// Every export format by the name the API and the CLI take (`format=`).
import { claimReviewFormat } from './claimreview';
import { csvFormat } from './csv';
import type { ExportFormat } from './format';
import { jsonFormat } from './json';
import { webAnnotationFormat } from './web-annotation';
import type { ExportFormatId } from '../validation';

export const FORMATS: Record<ExportFormatId, ExportFormat> = {
  json: jsonFormat,
  csv: csvFormat,
  claimreview: claimReviewFormat,
  w3c: webAnnotationFormat,
};
