import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { describeIssue, errorMessage, fieldLabel, fieldMessages, issueMessage, type ErrorTranslator } from '@/lib/i18n/error-message';
import type { ErrorKey, IssueKey } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locale';
import { MESSAGES } from '@/lib/i18n/messages';

function translator(locale: Locale): ErrorTranslator {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'errors' });
  type Key = Parameters<typeof t>[0];
  return { has: (key) => t.has(key as Key), t: (key, params) => t(key as Key, params) };
}
const en = translator('en');
const fr = translator('fr');

describe('errorMessage', () => {
  it('speaks the interface language for a known key, with its parameters', () => {
    const duplicate = { code: 'conflict', key: 'duplicateClaim', message: 'This passage is already claim c123.' };
    expect(errorMessage(duplicate, en)).toBe('This passage is already a claim.');
    expect(errorMessage(duplicate, fr)).toBe('Ce passage est déjà une affirmation.');
    const tooLarge = { code: 'payload_too_large', key: 'payloadTooLarge', params: { max: 1048576 }, message: 'x' };
    expect(errorMessage(tooLarge, en)).toBe('This is too large to send: at most 1,048,576 bytes.');
    expect(errorMessage(tooLarge, fr)).toContain('1\u202f048\u202f576 octets');
  });

  it('says what is missing when the server names it', () => {
    expect(errorMessage({ code: 'not_found', key: 'notFound', params: { what: 'claim' }, message: 'x' }, fr)).toBe(
      'Cette affirmation n’existe pas, ou elle a été supprimée.',
    );
    expect(errorMessage({ code: 'not_found', key: 'notFound', params: { what: 'endpoint' }, message: 'x' }, en)).toBe(
      'This no longer exists: it may have been deleted.',
    );
    expect(errorMessage({ code: 'not_found', key: 'notFound', message: 'x' }, en)).toBe('This no longer exists: it may have been deleted.');
  });

  it('falls back on the code when there is no key, and on the message for unknown ones', () => {
    expect(errorMessage({ code: 'forbidden', message: 'Your role does not allow this.' }, fr)).toBe('Votre rôle ne permet pas cette action.');
    // A 409 without a key may mean several things: the server's words stay.
    expect(errorMessage({ code: 'conflict', message: 'Already a claim.' }, fr)).toBe('Already a claim.');
    expect(errorMessage({ code: 'forbidden', key: 'somethingNew', message: 'Server words.' }, fr)).toBe('Server words.');
  });
});

describe('fieldLabel', () => {
  it('names fields in words, sources by their number from 1', () => {
    expect(fieldLabel(['sources', 0, 'url'], en)).toBe('Source 1 — link');
    expect(fieldLabel(['sources', 2, 'title'], fr)).toBe('Source 3 — titre');
    expect(fieldLabel(['sources', 1], en)).toBe('Source 2');
    expect(fieldLabel(['publishedAt'], fr)).toBe('Date de publication');
  });

  it('shows the path of a field it does not know', () => {
    expect(fieldLabel(['settings', 'minReviewers'], en)).toBe('settings.minReviewers');
    expect(fieldLabel(['bogus'], en)).toBe('bogus');
  });
});

describe('issues', () => {
  const tooLong = { path: ['rationale'], key: 'tooLong', params: { max: 5000 }, message: 'Too big: expected string to have <=5000 characters' };

  it('says what is wrong with the limit, in the interface language', () => {
    expect(issueMessage(tooLong, en)).toBe('At most 5,000 characters.');
    expect(issueMessage(tooLong, fr)).toBe('5\u202f000 caractères au maximum.');
    expect(issueMessage({ path: ['x'], message: 'Server words.' }, fr)).toBe('Server words.');
  });

  it('lists the options of a choice', () => {
    const choice = { path: ['rating'], key: 'invalidChoice', params: { options: ['false', 'true'] }, message: 'x' };
    expect(issueMessage(choice, en)).toBe('Choose one of: false, true.');
  });

  it('names the field in a summary', () => {
    const url = { path: ['sources', 0, 'url'], key: 'invalidUrl', message: 'Invalid value for sources.0.url.' };
    expect(describeIssue(url, en)).toBe('Source 1 — link: Enter a link starting with http:// or https://.');
    expect(describeIssue(url, fr)).toBe('Source 1 — lien : Saisissez un lien commençant par http:// ou https://.');
  });

  it('keys messages by dotted path for forms, the first issue of a field winning', () => {
    const error = {
      code: 'validation_failed',
      message: 'Invalid.',
      issues: [
        { path: ['title'], key: 'required', message: 'Required' },
        { path: ['title'], key: 'tooLong', params: { max: 300 }, message: 'Long' },
        { path: ['sources', 0, 'url'], key: 'invalidUrl', message: 'Bad URL' },
      ],
    };
    expect(fieldMessages(error, en)).toEqual({ title: 'Required.', 'sources.0.url': 'Enter a link starting with http:// or https://.' });
    expect(fieldMessages(undefined, en)).toEqual({});
  });
});

describe('the errors namespace', () => {
  // Records over the server's key types: a key added there fails the type check here until it has words.
  const codes: Record<ErrorKey, true> = {
    duplicateClaim: true,
    duplicateEmail: true,
    staleVersion: true,
    claimHasOtherVerdicts: true,
    forbidden: true,
    unauthenticated: true,
    notFound: true,
    payloadTooLarge: true,
    validation: true,
    malformed: true,
    invitationRequired: true,
    invitationUnusable: true,
    busy: true,
    rateLimited: true,
    crossOrigin: true,
    unsupportedMediaType: true,
    methodNotAllowed: true,
  };
  const issues: Record<IssueKey, true> = {
    required: true,
    tooLong: true,
    tooShort: true,
    tooMany: true,
    invalidUrl: true,
    invalidEmail: true,
    invalidDate: true,
    invalidDay: true,
    invalidLanguage: true,
    invalidChoice: true,
    notFoundInText: true,
    alreadyClaimed: true,
    alreadyRegistered: true,
    stale: true,
    notInvited: true,
    requiredForAdmin: true,
    commonPassword: true,
    guessablePassword: true,
    wrongPassword: true,
    invalid: true,
  };

  it('has a message for every error and issue key the server sends', () => {
    for (const tr of [en, fr]) {
      expect(Object.keys(codes).filter((k) => !tr.has(`codes.${k}`))).toEqual([]);
      expect(Object.keys(issues).filter((k) => !tr.has(`issues.${k}`))).toEqual([]);
    }
  });
});
