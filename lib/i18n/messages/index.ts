// Every namespace of interface text, per locale. One JSON file a namespace keeps
// translations reviewable side by side; tests/unit/i18n-messages.test.ts checks
// that both locales have the same keys.
import type { Locale } from '../locale';
import enAgreement from './en/agreement.json';
import enApiReference from './en/apiReference.json';
import enArticleEdit from './en/articleEdit.json';
import enArticleForm from './en/articleForm.json';
import enAuth from './en/auth.json';
import enCommon from './en/common.json';
import enConsensusRules from './en/consensusRules.json';
import enErrorPages from './en/errorPages.json';
import enErrors from './en/errors.json';
import enHome from './en/home.json';
import enNotifications from './en/notifications.json';
import enPeople from './en/people.json';
import enReviewSettings from './en/reviewSettings.json';
import enActivity from './en/activity.json';
import enHistory from './en/history.json';
import enNav from './en/nav.json';
import enPanel from './en/panel.json';
import enRatings from './en/ratings.json';
import enRichText from './en/richText.json';
import enSettings from './en/settings.json';
import enStatuses from './en/statuses.json';
import frArticleEdit from './fr/articleEdit.json';
import enVerdict from './en/verdict.json';
import enViewer from './en/viewer.json';
import enWorkspace from './en/workspace.json';
import enSources from './en/sources.json';
import enAdjudication from './en/adjudication.json';
import enComments from './en/comments.json';
import enLive from './en/live.json';
import enConflict from './en/conflict.json';
import enInvitations from './en/invitations.json';
import enRevisions from './en/revisions.json';
import enExports from './en/exports.json';
import enArchiveImport from './en/archiveImport.json';
import frArchiveImport from './fr/archiveImport.json';
import frAgreement from './fr/agreement.json';
import frApiReference from './fr/apiReference.json';
import frArticleForm from './fr/articleForm.json';
import frAuth from './fr/auth.json';
import frCommon from './fr/common.json';
import frConsensusRules from './fr/consensusRules.json';
import frErrorPages from './fr/errorPages.json';
import frErrors from './fr/errors.json';
import frHome from './fr/home.json';
import frNotifications from './fr/notifications.json';
import frPeople from './fr/people.json';
import frReviewSettings from './fr/reviewSettings.json';
import frActivity from './fr/activity.json';
import frHistory from './fr/history.json';
import frNav from './fr/nav.json';
import frPanel from './fr/panel.json';
import frRatings from './fr/ratings.json';
import frRichText from './fr/richText.json';
import frSettings from './fr/settings.json';
import frStatuses from './fr/statuses.json';
import frVerdict from './fr/verdict.json';
import frViewer from './fr/viewer.json';
import frWorkspace from './fr/workspace.json';
import frSources from './fr/sources.json';
import frAdjudication from './fr/adjudication.json';
import frComments from './fr/comments.json';
import frLive from './fr/live.json';
import frConflict from './fr/conflict.json';
import frInvitations from './fr/invitations.json';
import frRevisions from './fr/revisions.json';
import frExports from './fr/exports.json';

const en = {
  common: enCommon,
  ratings: enRatings,
  statuses: enStatuses,
  consensusRules: enConsensusRules,
  nav: enNav,
  auth: enAuth,
  home: enHome,
  settings: enSettings,
  articleForm: enArticleForm,
  articleEdit: enArticleEdit,
  errors: enErrors,
  errorPages: enErrorPages,
  workspace: enWorkspace,
  panel: enPanel,
  verdict: enVerdict,
  richText: enRichText,
  viewer: enViewer,
  notifications: enNotifications,
  people: enPeople,
  reviewSettings: enReviewSettings,
  activity: enActivity,
  history: enHistory,
  sources: enSources,
  adjudication: enAdjudication,
  comments: enComments,
  live: enLive,
  conflict: enConflict,
  invitations: enInvitations,
  revisions: enRevisions,
  exports: enExports,
  archiveImport: enArchiveImport,
  agreement: enAgreement,
  apiReference: enApiReference,
};

export type Messages = typeof en;

const fr: Messages = {
  common: frCommon,
  ratings: frRatings,
  statuses: frStatuses,
  consensusRules: frConsensusRules,
  nav: frNav,
  auth: frAuth,
  home: frHome,
  settings: frSettings,
  articleForm: frArticleForm,
  articleEdit: frArticleEdit,
  errors: frErrors,
  errorPages: frErrorPages,
  workspace: frWorkspace,
  panel: frPanel,
  verdict: frVerdict,
  richText: frRichText,
  viewer: frViewer,
  notifications: frNotifications,
  people: frPeople,
  reviewSettings: frReviewSettings,
  activity: frActivity,
  history: frHistory,
  sources: frSources,
  adjudication: frAdjudication,
  comments: frComments,
  live: frLive,
  conflict: frConflict,
  invitations: frInvitations,
  revisions: frRevisions,
  exports: frExports,
  archiveImport: frArchiveImport,
  agreement: frAgreement,
  apiReference: frApiReference,
};

export const MESSAGES: Record<Locale, Messages> = { en, fr };
