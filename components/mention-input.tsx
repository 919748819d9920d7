'use client';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type TextareaHTMLAttributes } from 'react';
import { completeMention, matchPeople, mentionAt, type MentionQuery } from '@/lib/mention-autocomplete';
import type { Named } from '@/lib/mentions';

/**
 * A comment box that suggests people's names after "@". The textarea keeps
 * the focus (ARIA 1.2 autocomplete list: aria-autocomplete, aria-controls,
 * aria-activedescendant on the textbox, the suggestions a listbox under it):
 * ArrowDown/ArrowUp move through the names, Enter or Tab mentions the one
 * chosen, Escape closes the list; a click mentions too.
 */
export function MentionInput({
  value,
  onChange,
  people,
  label,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  people: readonly Named[];
  label: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  const t = useTranslations('comments');
  const id = useId();
  const listId = `${id}-suggestions`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  /** The "@" the reader closed the list on with Escape: it stays closed until another. */
  const [dismissed, setDismissed] = useState<number | null>(null);
  const matches = mention ? matchPeople(mention.query, people) : [];
  const open = mention !== null && mention.start !== dismissed;

  function follow(text: string, caret: number) {
    const next = mentionAt(text, caret);
    if (next?.start !== mention?.start || next?.query !== mention?.query) setActive(0);
    setMention(next);
    if (next?.start !== dismissed) setDismissed(null);
  }

  function choose(name: string) {
    const field = ref.current;
    if (!field || !mention) return;
    const done = completeMention(value, field.selectionStart, mention, name);
    onChange(done.text);
    setMention(null);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(done.caret, done.caret);
    });
  }

  return (
    <div className="mention-input">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        {...rest}
        id={id}
        ref={ref}
        value={value}
        aria-autocomplete="list"
        aria-controls={open && matches.length > 0 ? listId : undefined}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          follow(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setMention(null)}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === 'Escape') {
            // Closes the list only: the panel stays open.
            e.preventDefault();
            e.stopPropagation();
            setDismissed(mention.start);
            return;
          }
          if (matches.length === 0) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (i + step + matches.length) % matches.length);
          } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) {
            e.preventDefault();
            choose(matches[active]!.name);
          }
        }}
      />
      {open && matches.length > 0 && (
        <ul className="mention-suggestions" id={listId} role="listbox" aria-label={t('suggestions')} data-testid="mention-suggestions">
          {matches.map((person, i) => (
            <li
              key={person.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the textarea must not lose the focus (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(person.name);
              }}
            >
              {person.name}
            </li>
          ))}
        </ul>
      )}
      {open && matches.length === 0 && <p className="mention-none hint">{t('noMatch')}</p>}
      {/* Always there, so that screen readers announce it when it changes (a live region, not the form's status). */}
      <span className="visually-hidden" aria-live="polite">
        {open ? t('matches', { count: matches.length }) : ''}
      </span>
    </div>
  );
}
