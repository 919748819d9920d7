'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateArticleAction } from '@/app/actions';
import { ConflictView, Empty } from '@/components/conflict-view';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { useErrorMessage } from '@/components/use-error-message';
import { CONSENSUS_RULES, SCALE_STEPS, isConsensusRule, type ConsensusRule, type ReviewSettings } from '@/lib/consensus';
import type { LocalizableError } from '@/lib/i18n/error-message';

interface Draft {
  blindReview: boolean;
  consensusRule: ConsensusRule;
  minReviewers: string;
  /** As a percentage, the way editors think of it; the API takes a share in (0, 1]. */
  agreementPercent: string;
  maxSpread: string;
}

const draftOf = (s: ReviewSettings): Draft => ({
  blindReview: s.blindReview,
  consensusRule: s.consensusRule,
  minReviewers: String(s.minReviewers),
  agreementPercent: String(Math.round(s.agreementThreshold * 1000) / 10),
  maxSpread: String(s.maxSpread),
});

/** The settings in the form's order, with their labels' keys. */
const SETTING_FIELDS = ['blindReview', 'consensusRule', 'minReviewers', 'agreementThreshold', 'maxSpread'] as const satisfies readonly (keyof ReviewSettings)[];

const sameSettings = (a: ReviewSettings, b: ReviewSettings) => SETTING_FIELDS.every((field) => a[field] === b[field]);

/** The current settings and version out of a 409's `current` (an article), checked rather than cast. */
function currentOf(value: unknown): { settings: ReviewSettings; version: number } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { settings, version } = value as { settings?: Partial<Record<keyof ReviewSettings, unknown>>; version?: unknown };
  if (typeof version !== 'number' || !settings) return null;
  const { blindReview, consensusRule, minReviewers, agreementThreshold, maxSpread } = settings;
  if (typeof blindReview !== 'boolean' || !isConsensusRule(consensusRule)) return null;
  if (typeof minReviewers !== 'number' || typeof agreementThreshold !== 'number' || typeof maxSpread !== 'number') return null;
  return { settings: { blindReview, consensusRule, minReviewers, agreementThreshold, maxSpread }, version };
}

/** A number typed in a field, or the text as typed for the server to refuse with its limits. */
const typed = (text: string): number | string => {
  const n = Number(text.replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
};

/**
 * Editors set how an article's claims are reviewed: blind review, the
 * consensus rule, minimum reviewers, and the plurality rule's agreement
 * threshold and maximum spread (shown with that rule only, and left as they
 * are when the ordinal rule is saved). The save carries the version read; settings
 * changed meanwhile by someone else are shown beside the draft, to keep the
 * draft or take theirs. A change that left the settings alone (a corrected
 * title, say) is no conflict: the settings are saved on the newer version.
 */
export function ReviewSettingsForm({ articleId, settings, version: initialVersion }: { articleId: string; settings: ReviewSettings; version: number }) {
  const t = useTranslations('reviewSettings');
  const rules = useTranslations('consensusRules');
  const errors = useErrorMessage();
  const router = useRouter();
  const [draft, setDraft] = useState(() => draftOf(settings));
  /** The settings the draft started from, and their version. */
  const [base, setBase] = useState({ settings, version: initialVersion });
  const [theirs, setTheirs] = useState<{ settings: ReviewSettings; version: number } | null>(null);
  const [error, setError] = useState<LocalizableError>();
  const [status, setStatus] = useState<'saved' | null>(null);
  const [pending, start] = useTransition();
  const fieldErrors = errors.fields(error);

  const save = (from = base) =>
    start(async () => {
      setStatus(null);
      const percent = typed(draft.agreementPercent);
      const plurality =
        draft.consensusRule === 'plurality'
          ? { agreementThreshold: typeof percent === 'number' ? Math.round(percent * 10) / 1000 : percent, maxSpread: typed(draft.maxSpread) }
          : {};
      const settings = { blindReview: draft.blindReview, consensusRule: draft.consensusRule, minReviewers: typed(draft.minReviewers), ...plurality };
      try {
        let over = from;
        // Bounded: each refusal answers with a newer article; three in a row changing only other things is plenty.
        for (let attempt = 0; attempt < 3; attempt++) {
          const result = await updateArticleAction(articleId, { version: over.version, settings });
          if (result.ok) {
            setError(undefined);
            setTheirs(null);
            setBase({ settings: result.data.settings, version: result.data.version });
            setDraft(draftOf(result.data.settings));
            setStatus('saved');
            router.refresh();
            return;
          }
          const current = result.error.key === 'staleVersion' ? currentOf(result.error.current) : null;
          if (!current) {
            setError(result.error);
            return;
          }
          setError(undefined);
          if (!sameSettings(over.settings, current.settings)) {
            setTheirs(current); // the settings themselves changed: the editor chooses
            return;
          }
          over = current;
          setBase(current);
        }
      } catch {
        setError({ code: 'network', key: 'network', message: errors.network() });
      }
    });

  const label = {
    blindReview: t('blindReview'),
    consensusRule: t('consensusRule'),
    minReviewers: t('minReviewers'),
    agreementThreshold: t('agreementThreshold'),
    maxSpread: t('maxSpread'),
  };
  const shown = (d: Draft, field: (typeof SETTING_FIELDS)[number]): string => {
    switch (field) {
      case 'blindReview':
        return t(d.blindReview ? 'on' : 'off');
      case 'consensusRule':
        return rules(d.consensusRule);
      case 'minReviewers':
        return d.minReviewers;
      case 'agreementThreshold':
        return d.agreementPercent;
      case 'maxSpread':
        return d.maxSpread;
    }
  };
  const theirsDraft = theirs && draftOf(theirs.settings);

  return (
    <section aria-labelledby="review-settings-title" className="review-settings" data-testid="review-settings">
      <h2 id="review-settings-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      {theirs && theirsDraft && (
        <ConflictView
          testId="settings-conflict"
          title={t('staleTitle')}
          intro={t('staleBody')}
          revision={theirs.version}
          busy={pending}
          onKeepMine={() => save(theirs)}
          onTakeTheirs={() => {
            setDraft(theirsDraft);
            setBase(theirs);
            setTheirs(null);
          }}
          onDismiss={() => setTheirs(null)}
          rows={SETTING_FIELDS.map((field) => ({
            field,
            label: label[field],
            theirs: shown(theirsDraft, field),
            yours: shown(draft, field) || <Empty />,
            differs: shown(theirsDraft, field) !== shown(draft, field),
          }))}
        />
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label className="rating-option">
            <input
              type="checkbox"
              name="blindReview"
              checked={draft.blindReview}
              aria-describedby="blind-review-hint"
              onChange={(e) => setDraft((d) => ({ ...d, blindReview: e.target.checked }))}
            />
            {t('blindReview')}
          </label>
          <span className="hint" id="blind-review-hint">
            {t('blindReviewHint')}
          </span>
        </div>
        <fieldset className="consensus-rule" aria-describedby={fieldErrors['settings.consensusRule'] ? 'consensus-rule-error' : undefined}>
          <legend>{t('consensusRule')}</legend>
          {CONSENSUS_RULES.map((rule) => (
            <div key={rule} className="rule-option">
              <label className="rating-option">
                <input
                  type="radio"
                  name="consensusRule"
                  value={rule}
                  checked={draft.consensusRule === rule}
                  aria-describedby={`consensus-rule-${rule}-hint`}
                  onChange={() => setDraft((d) => ({ ...d, consensusRule: rule }))}
                />
                {rules(rule)}
              </label>
              <span className="hint" id={`consensus-rule-${rule}-hint`}>
                {t(rule === 'plurality' ? 'pluralityHint' : 'ordinalHint')}
              </span>
            </div>
          ))}
          {fieldErrors['settings.consensusRule'] && (
            <span className="field-error" id="consensus-rule-error">
              {fieldErrors['settings.consensusRule']}
            </span>
          )}
        </fieldset>
        <Field label={t('minReviewers')} hint={t('minReviewersHint')} error={fieldErrors['settings.minReviewers']}>
          {(control) => (
            <input {...control} type="number" name="minReviewers" min={1} max={50} step={1} required value={draft.minReviewers} onChange={(e) => setDraft((d) => ({ ...d, minReviewers: e.target.value }))} />
          )}
        </Field>
        {draft.consensusRule === 'plurality' && (
          <fieldset className="plurality-settings">
            <legend>{t('pluralityOnly')}</legend>
            <Field label={t('agreementThreshold')} hint={t('agreementThresholdHint')} error={fieldErrors['settings.agreementThreshold']}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  name="agreementThreshold"
                  min={1}
                  max={100}
                  step="any"
                  required
                  value={draft.agreementPercent}
                  onChange={(e) => setDraft((d) => ({ ...d, agreementPercent: e.target.value }))}
                />
              )}
            </Field>
            <Field label={t('maxSpread')} hint={t('maxSpreadHint')} error={fieldErrors['settings.maxSpread']}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  name="maxSpread"
                  min={0}
                  max={SCALE_STEPS}
                  step={1}
                  required
                  value={draft.maxSpread}
                  onChange={(e) => setDraft((d) => ({ ...d, maxSpread: e.target.value }))}
                />
              )}
            </Field>
          </fieldset>
        )}
        <FormError error={error} shown={['settings.consensusRule', 'settings.minReviewers', 'settings.agreementThreshold', 'settings.maxSpread']} />
        <div className="form-actions">
          <button type="submit" disabled={pending || theirs !== null}>
            {pending ? t('saving') : t('save')}
          </button>
          <span role="status" className={status === 'saved' ? 'saved' : undefined} data-testid="review-settings-status">
            {status === 'saved' ? t('saved') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
