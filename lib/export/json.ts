import type { ArticleExport } from './types';

/** Pretty-printed so exports diff well in version control; ends with a newline like any text file. */
export function toJson(data: ArticleExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
