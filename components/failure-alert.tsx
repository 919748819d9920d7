'use client';
// A load or an action that failed, said for people in the interface language,
// with a retry button when sending the same again can help (a network or
// server failure; a refusal would only be refused again).
import { useTranslations } from 'next-intl';
import { isRetryable, useFailureText, type ActionFailure } from './action-call';

export function FailureAlert({
  failure,
  describe,
  onRetry,
  busy = false,
  className,
  testId,
}: {
  failure: ActionFailure;
  /** The sentence around the failure's reason (what failed); the reason alone when absent. */
  describe?: (reason: string) => string;
  onRetry: () => void;
  /** Disables the retry while the call it would repeat is running. */
  busy?: boolean;
  className?: string;
  testId?: string;
}) {
  const common = useTranslations('common');
  const reason = useFailureText()(failure);
  return (
    <div className={className ? `form-error ${className}` : 'form-error'} role="alert" data-testid={testId}>
      <p>{describe ? describe(reason) : reason}</p>
      {isRetryable(failure) && (
        <button type="button" onClick={onRetry} disabled={busy}>
          {common('retry')}
        </button>
      )}
    </div>
  );
}
