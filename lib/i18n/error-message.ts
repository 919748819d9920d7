// Turns an error from the service layer (as server actions return it) into words
// for the person in front of the screen, in the interface's language. The server
// names what went wrong with a `key` and its `params` (a limit, a count); the
// English `message` is the fallback for keys this interface does not know yet.
// Pure: the caller hands in a translator over the `errors` namespace.

/** What the server sends beside a key: a limit, a count, the allowed options. */
export type ErrorParams = Readonly<Record<string, string | number | readonly string[]>>;
/** What a message takes: lists arrive joined. */
export type MessageParams = Record<string, string | number>;
/** Values as the server sends them: a list (e.g. the allowed choices) is shown comma-separated. */
export type ServerParams = Record<string, string | number | readonly string[]>;

export interface LocalizableIssue {
  path: readonly (string | number)[];
  message: string;
  key?: string;
  params?: ErrorParams;
}

export interface LocalizableError {
  code: string;
  message: string;
  key?: string;
  params?: ErrorParams;
  issues?: readonly LocalizableIssue[];
}

/** A view of the `errors` messages: `has` before `t`, as keys come from the server. */
export interface ErrorTranslator {
  has(key: string): boolean;
  t(key: string, params?: MessageParams): string;
}

/** Error codes whose meaning does not depend on the case (a 409 may be a duplicate or a stale version). */
const KEY_BY_CODE: Record<string, string> = {
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'notFound',
  payload_too_large: 'payloadTooLarge',
  validation_failed: 'validation',
  bad_request: 'malformed',
};

function messageParams(params: ErrorParams | undefined): MessageParams | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'object' ? value.join(', ') : value]));
}

function translated(tr: ErrorTranslator, prefix: string, key: string | undefined, params: ErrorParams | undefined): string | null {
  if (!key) return null;
  const path = `${prefix}.${key}`;
  // Optional ICU arguments ({what, select, …}) need a value; an empty one picks `other`.
  return tr.has(path) ? tr.t(path, { what: '', ...messageParams(params) }) : null;
}

/** The sentence for the error as a whole ("This passage is already a claim."). */
export function errorMessage(error: LocalizableError, tr: ErrorTranslator): string {
  return (
    translated(tr, 'codes', error.key, error.params) ??
    (error.key ? null : translated(tr, 'codes', KEY_BY_CODE[error.code], error.params)) ??
    error.message
  );
}

/** The field in words: ["sources", 0, "url"] → "Source 1 — link"; ["title"] → "Title". */
export function fieldLabel(path: readonly (string | number)[], tr: ErrorTranslator): string {
  const [head, index, leaf] = path;
  if (head === 'sources' && typeof index === 'number') {
    if (leaf === undefined) return tr.t('sourceItem', { n: index + 1 });
    const part = translated(tr, 'fields.source', String(leaf), undefined);
    if (part) return tr.t('sourceField', { n: index + 1, field: part });
  }
  return (path.length === 1 && translated(tr, 'fields', String(head), undefined)) || path.join('.');
}

/** What is wrong with one field, without its name (shown beside the field itself). */
export function issueMessage(issue: LocalizableIssue, tr: ErrorTranslator): string {
  return translated(tr, 'issues', issue.key, issue.params) ?? issue.message;
}

/** What is wrong with one field, named ("Source 1 — link: Enter a link…"), for a summary. */
export function describeIssue(issue: LocalizableIssue, tr: ErrorTranslator): string {
  return tr.t('withField', { field: fieldLabel(issue.path, tr), message: issueMessage(issue, tr) });
}

/** Messages per field for a form, keyed by the dotted path ("title", "sources.0.url"); the first issue wins. */
export function fieldMessages(error: LocalizableError | undefined, tr: ErrorTranslator): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const path = issue.path.join('.');
    out[path] ??= issueMessage(issue, tr);
  }
  return out;
}
