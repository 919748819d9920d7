// The workspace's keyboard shortcuts: one list for the key handler, the help
// dialog (`?`) and the hints shown beside buttons, so they never disagree.
// Single keys work because the article text is read-only: typing never edits it.

export const SHORTCUTS = {
  mark: 'm',
  next: 'n',
  previous: 'p',
  open: 'Enter',
  help: '?',
  close: 'Escape',
} as const;

export type ShortcutAction = keyof typeof SHORTCUTS;
