// next-intl's per-request configuration: the locale from the language switch's
// cookie or the browser's Accept-Language (no locale in URLs: permalinks stay the same).
import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, negotiateLocale } from '@/lib/i18n/locale';
import { MESSAGES } from '@/lib/i18n/messages';

export default getRequestConfig(async () => {
  const locale = negotiateLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return { locale, messages: MESSAGES[locale] };
});
