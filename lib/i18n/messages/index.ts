// Every namespace of interface text, per locale. One JSON file a namespace keeps
// translations reviewable side by side; tests/unit/i18n-messages.test.ts checks
// that both locales have the same keys.
import type { Locale } from '../locale';
import enCommon from './en/common.json';
import enRatings from './en/ratings.json';
import enStatuses from './en/statuses.json';
import enViewer from './en/viewer.json';
import frCommon from './fr/common.json';
import frRatings from './fr/ratings.json';
import frStatuses from './fr/statuses.json';
import frViewer from './fr/viewer.json';

const en = { common: enCommon, ratings: enRatings, statuses: enStatuses, viewer: enViewer };

export type Messages = typeof en;

const fr: Messages = { common: frCommon, ratings: frRatings, statuses: frStatuses, viewer: frViewer };

export const MESSAGES: Record<Locale, Messages> = { en, fr };
