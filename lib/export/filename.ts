// Download file names: ASCII only, so they survive Content-Disposition,
// e-mail attachments and every file system without RFC 5987 encoding.

const MAX_SLUG_LENGTH = 60;

// Letters NFD does not decompose but French (and German) titles contain.
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

/** "Élection à l’Assemblée : œuvre" → "election-a-l-assemblee-oeuvre". */
export function slugify(title: string, maxLength: number = MAX_SLUG_LENGTH): string {
  return title
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '') // the accents NFD split off
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, ''); // after the cut, which may end on a separator
}

/** "<title>.crux.<extension>"; "<extension>" is the format's (csv, json, claimreview.jsonld …). */
export function exportFilename(title: string, extension: string): string {
  return `${slugify(title) || 'article'}.crux.${extension}`;
}
