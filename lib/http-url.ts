// The one rule for links people type (a source, an article's origin, a link in a
// rationale): http or https, with a host. Its own module so that lib/rich-text
// (which lib/validation uses) shares it without an import cycle.
import { z } from './zod';

/** http(s) only: a source link must open in a browser, never run script. */
export const httpUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { params: { key: 'invalidUrl' } },
  );

/**
 * True for a link the interface may make clickable: what httpUrlSchema takes.
 * Stored links were checked on the way in; read paths check again rather than
 * trust the database, so a link that is not http(s) is shown as text.
 */
export function isHttpLink(value: string): boolean {
  return httpUrlSchema.safeParse(value).success;
}
