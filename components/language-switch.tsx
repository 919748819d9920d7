'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/actions';
import { LOCALES, type Locale } from '@/lib/i18n/locale';

/** The interface language, remembered in a cookie; the page re-renders in place. */
export function LanguageSwitch() {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select
        value={locale}
        // Not disabled while switching: a disabled control drops keyboard focus to the page.
        aria-busy={pending}
        data-testid="language-switch"
        onChange={(event) => {
          const next = event.target.value as Locale;
          startTransition(async () => {
            await setLocaleAction(next);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languageNames.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
