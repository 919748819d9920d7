// What an article is submitted as, and how long it may be: read by the
// schemas (lib/validation.ts) and by the article form in the browser, so
// nothing here imports Zod, which would go to the browser with it.

/** What an article can be submitted as; the name is also the request field that carries it. */
export const SOURCE_FORMATS = ['text', 'markdown', 'html'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** The most characters an article's text, Markdown or HTML may have as sent. */
export const MAX_ARTICLE_CHARS = 200_000;
