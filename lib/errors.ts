// Domain errors carry their HTTP meaning so that one place (lib/http.ts) maps
// them to responses for the REST API, and server actions show their message.
// `message` is an English sentence for a person; `key` and `params` say the
// same for machines, so the interface can show it in the reader's language.

export type ErrorKey =
  | 'duplicateClaim'
  | 'duplicateEmail'
  | 'staleVersion'
  | 'claimHasOtherVerdicts'
  | 'forbidden'
  | 'unauthenticated'
  | 'notFound'
  | 'payloadTooLarge'
  | 'validation'
  | 'malformed'
  | 'invitationRequired'
  | 'invitationUnusable'
  | 'busy'
  | 'rateLimited'
  | 'crossOrigin'
  | 'unsupportedMediaType'
  | 'methodNotAllowed';

export type IssueKey =
  | 'required'
  | 'tooLong'
  | 'tooShort'
  | 'tooMany'
  | 'invalidUrl'
  | 'invalidEmail'
  | 'invalidDate'
  | 'invalidDay'
  | 'invalidLanguage'
  | 'invalidChoice'
  | 'notFoundInText'
  | 'alreadyClaimed'
  | 'alreadyRegistered'
  | 'stale'
  | 'notInvited'
  | 'requiredForAdmin'
  | 'commonPassword'
  | 'guessablePassword'
  | 'wrongPassword'
  | 'invalid';

/** Values a message refers to ("at most {max} characters"): plain data, safe to serialise. */
export type Params = Record<string, string | number | readonly string[]>;

export interface FieldIssue {
  path: (string | number)[];
  message: string;
  key: IssueKey;
  params?: Params;
}

export interface DomainErrorOptions {
  params?: Params;
  issues?: FieldIssue[];
  /** The existing claim, when marking a passage that already is one (so the client can open it). */
  claimId?: string;
  /** The current state of what a stale `version` referred to, so the client can show it. */
  current?: unknown;
}

export class DomainError extends Error {
  readonly params: Params;
  readonly issues: FieldIssue[];
  readonly claimId?: string;
  readonly current?: unknown;

  constructor(
    readonly code: string,
    readonly status: number,
    readonly key: ErrorKey,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.params = options.params ?? {};
    this.issues = options.issues ?? [];
    if (options.claimId !== undefined) this.claimId = options.claimId;
    if (options.current !== undefined) this.current = options.current;
  }
}

/** The things a 404 can be about, named in words. */
export type Missing = 'article' | 'claim' | 'verdict' | 'adjudication' | 'comment' | 'user' | 'token' | 'invitation' | 'endpoint' | 'revision';

const MISSING: Record<Missing, string> = {
  article: 'This article does not exist, or it was removed.',
  claim: 'This claim does not exist, or it was deleted.',
  verdict: 'You have no verdict on this claim.',
  adjudication: 'This claim has no adjudication in force.',
  comment: 'This comment does not exist, or it was deleted.',
  user: 'This account does not exist.',
  token: 'This token does not exist, or it is not yours.',
  invitation: 'This invitation does not exist, or it was already used, revoked or has expired.',
  endpoint: 'There is no such API endpoint.',
  revision: 'This revision of the article does not exist.',
};

export const malformed = (message: string) => new DomainError('bad_request', 400, 'malformed', message);
export const unauthenticated = (message = 'Sign in, or send a valid bearer token.') =>
  new DomainError('unauthenticated', 401, 'unauthenticated', message);
export const forbidden = (message = 'Your role does not allow this.', params: Params = {}) =>
  new DomainError('forbidden', 403, 'forbidden', message, { params });
export const notFound = (what: Missing) => new DomainError('not_found', 404, 'notFound', MISSING[what], { params: { what } });
export const conflict = (key: Extract<ErrorKey, 'duplicateClaim' | 'duplicateEmail' | 'staleVersion' | 'claimHasOtherVerdicts'>, message: string, options: DomainErrorOptions = {}) =>
  new DomainError('conflict', 409, key, message, options);
export const payloadTooLarge = (limitBytes: number) =>
  new DomainError('payload_too_large', 413, 'payloadTooLarge', `The request is too large: at most ${formatBytes(limitBytes)}.`, {
    params: { max: limitBytes },
  });
/** The database could not take the request in time (lib/db/errors isBusy): nothing was changed, and trying again is safe. */
export const busy = () => new DomainError('unavailable', 503, 'busy', 'The server is busy saving other changes: nothing was saved, try again in a moment.');
/**
 * 429: too many attempts (lib/services/rate-limits.ts); `retryAfterSeconds` goes
 * out as Retry-After. `wait` and `unit` say it as people do ("3 minutes").
 */
export const rateLimited = (retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const [wait, unit] = seconds >= 5_400 ? [Math.ceil(seconds / 3_600), 'hours'] : seconds >= 90 ? [Math.ceil(seconds / 60), 'minutes'] : [seconds, 'seconds'];
  return new DomainError('rate_limited', 429, 'rateLimited', `Too many attempts: try again in ${wait} ${wait === 1 ? unit.slice(0, -1) : unit}.`, {
    params: { retryAfter: seconds, wait, unit },
  });
};
/** A cookie-authenticated change sent from another site's page (lib/security/origin.ts). */
export const crossOrigin = () =>
  new DomainError(
    'forbidden',
    403,
    'crossOrigin',
    'This change was sent from another site: Crux accepts changes signed by its session cookie only from its own pages. Scripts and other tools send a bearer token instead.',
  );
/** A method the address does not accept (lib/api-methods.ts); `allowed` goes out as Allow. */
export const methodNotAllowed = (method: string, allowed: readonly string[]) =>
  new DomainError('method_not_allowed', 405, 'methodNotAllowed', `This address does not accept ${method}: it accepts ${allowed.join(', ')}.`, {
    params: { method, allowed },
  });
/** A cookie-authenticated change whose body is not declared as JSON (lib/security/origin.ts). */
export const unsupportedMediaType = () =>
  new DomainError('unsupported_media_type', 415, 'unsupportedMediaType', 'Send the request body as JSON, with the header Content-Type: application/json.');
export const invalid = (message: string, issues: FieldIssue[] = []) =>
  new DomainError('validation_failed', 422, 'validation', message, { issues });

/** A 422 naming one field; its message is the error's message. */
export const invalidField = (field: string, message: string, key: IssueKey = 'invalid', params?: Params) =>
  invalid(message, [{ path: [field], message, key, ...(params ? { params } : {}) }]);

/** Registration without an invitation link while the instance is invitation-only. */
export const invitationRequired = () =>
  new DomainError('forbidden', 403, 'invitationRequired', 'Registration on this Crux is by invitation only: ask an admin for an invitation link.');

/** Why an invitation link cannot be used (lib/invitations: the refusals other than `invitationRequired`). */
type InvitationProblem = 'unknown' | 'used' | 'revoked' | 'expired';

const INVITATION_PROBLEMS: Record<InvitationProblem, string> = {
  unknown: 'This invitation link is not valid: check that it was copied whole, or ask an admin for a new one.',
  used: 'This invitation link was already used: an invitation creates one account. Sign in, or ask an admin for a new link.',
  revoked: 'This invitation link was revoked by an admin: ask them for a new one.',
  expired: 'This invitation link has expired: ask an admin for a new one.',
};

/** 404 for a link that matches no invitation, 410 for one that was used, revoked or has expired. */
export const invitationUnusable = (reason: InvitationProblem) =>
  reason === 'unknown'
    ? new DomainError('not_found', 404, 'invitationUnusable', INVITATION_PROBLEMS[reason], { params: { reason } })
    : new DomainError('gone', 410, 'invitationUnusable', INVITATION_PROBLEMS[reason], { params: { reason } });

/** 1 MB, 100 bytes: limits as people say them. */
function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000 && bytes % 100_000 === 0) return `${bytes / 1_000_000} MB`;
  if (bytes >= 1_000 && bytes % 100 === 0) return `${bytes / 1_000} kB`;
  return `${bytes} bytes`;
}
