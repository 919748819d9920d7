'use client';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import {
  describeIssue,
  errorMessage,
  fieldLabel,
  fieldMessages,
  issueMessage,
  type ErrorTranslator,
  type LocalizableError,
  type LocalizableIssue,
} from '@/lib/i18n/error-message';

/**
 * Localized messages for errors returned by server actions, in the interface's
 * language: `message(error)` for the whole, `fields(error)` beside each input,
 * `describe(issue)` to name the field in a summary ("Source 1 — link: …").
 */
export function useErrorMessage() {
  const t = useTranslations('errors');
  return useMemo(() => {
    // Keys arrive from the server as strings: `has` checks them before `t` is asked.
    type Key = Parameters<typeof t>[0];
    const tr: ErrorTranslator = { has: (key) => t.has(key as Key), t: (key, params) => t(key as Key, params) };
    return {
      message: (error: LocalizableError) => errorMessage(error, tr),
      fields: (error: LocalizableError | undefined) => fieldMessages(error, tr),
      issue: (issue: LocalizableIssue) => issueMessage(issue, tr),
      describe: (issue: LocalizableIssue) => describeIssue(issue, tr),
      field: (path: readonly (string | number)[]) => fieldLabel(path, tr),
      /** For a failed fetch or a thrown action (network down, server error). */
      network: () => t('codes.network'),
    };
  }, [t]);
}
