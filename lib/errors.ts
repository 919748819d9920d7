// Domain errors carry their HTTP meaning so that one place (lib/http.ts) maps
// them to responses for the REST API, and server actions show their message.

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (message: string, issues: FieldIssue[] = []) => new DomainError('bad_request', 400, message, issues);
export const unauthenticated = (message = 'Sign in or send a valid bearer token.') => new DomainError('unauthenticated', 401, message);
export const forbidden = (message = 'Your role does not allow this.') => new DomainError('forbidden', 403, message);
export const notFound = (what: string) => new DomainError('not_found', 404, `${what} not found.`);
export const conflict = (message: string, issues: FieldIssue[] = []) => new DomainError('conflict', 409, message, issues);
export const payloadTooLarge = (limitBytes: number) =>
  new DomainError('payload_too_large', 413, `The request body exceeds ${limitBytes} bytes.`);
export const invalid = (message: string, issues: FieldIssue[] = []) => new DomainError('validation_failed', 422, message, issues);

/** A 422 naming one field. */
export const invalidField = (field: string, message: string) => invalid(message, [{ path: [field], message }]);
