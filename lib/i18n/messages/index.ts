// Every namespace of interface text, per locale. One JSON file a namespace keeps
// translations reviewable side by side; tests/unit/i18n-messages.test.ts checks
// that both locales have the same keys.
import type { Locale } from '../locale';
import enCommon from './en/common.json';
import enPanel from './en/panel.json';
import enRatings from './en/ratings.json';
import enStatuses from './en/statuses.json';
import enVerdict from './en/verdict.json';
import enWorkspace from './en/workspace.json';
import frCommon from './fr/common.json';
import frPanel from './fr/panel.json';
import frRatings from './fr/ratings.json';
import frStatuses from './fr/statuses.json';
import frVerdict from './fr/verdict.json';
import frWorkspace from './fr/workspace.json';

const en = { common: enCommon, ratings: enRatings, statuses: enStatuses, workspace: enWorkspace, panel: enPanel, verdict: enVerdict };

export type Messages = typeof en;

const fr: Messages = { common: frCommon, ratings: frRatings, statuses: frStatuses, workspace: frWorkspace, panel: frPanel, verdict: frVerdict };

export const MESSAGES: Record<Locale, Messages> = { en, fr };
