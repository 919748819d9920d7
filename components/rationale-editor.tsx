'use client';
import StarterKit from '@tiptap/starter-kit';
import { TextSelection, type EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { fromEditorJson, isAllowedLink, type RichTextDoc } from '@/lib/rich-text';

/**
 * Only what a rationale may hold (lib/rich-text): paragraphs, lists, quotes,
 * line breaks, bold, italic, http(s) links. Whatever else is pasted is dropped
 * by the editor's schema; a link that is not http(s) is never made.
 */
const EXTENSIONS = [
  StarterKit.configure({
    heading: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAllowedLink(url),
      shouldAutoLink: (url) => isAllowedLink(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    },
  }),
];

type Toggle = 'bold' | 'italic' | 'link' | 'bulletList' | 'orderedList' | 'blockquote';
const TOGGLES: readonly Toggle[] = ['bold', 'italic', 'link', 'bulletList', 'orderedList', 'blockquote'];
/** Keys as aria-keyshortcuts writes them (TipTap's own bindings, and ours for the link). */
const KEYS: Record<Toggle, string> = {
  bold: 'Control+B',
  italic: 'Control+I',
  link: 'Control+K',
  bulletList: 'Control+Shift+8',
  orderedList: 'Control+Shift+7',
  blockquote: 'Control+Shift+B',
};

/**
 * The editor takes the focus at once, not a frame later as TipTap's focus() does: a key
 * pressed in between (End, an arrow) was undone when that late focus wrote back the
 * selection it had known.
 */
function focusNow(editor: Editor): void {
  editor.view.focus();
}

/**
 * Brings the editor's selection up to where the browser has already moved the caret.
 * ProseMirror learns of a caret moved by a key (End, an arrow) from the next
 * `selectionchange` event, which Chromium delivers after any keys already queued: End
 * then Enter pressed in quick succession (a fast typist, a busy page) split the text
 * where the caret had been, not where it was.
 */
function syncSelectionFromDom(view: EditorView): void {
  const dom = (view.root as Document).getSelection?.();
  if (view.composing || !dom?.anchorNode || !dom.focusNode) return;
  if (!view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return;
  const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
  const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
  const { selection, doc } = view.state;
  if (anchor === selection.anchor && head === selection.head) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}

function run(editor: Editor, toggle: Exclude<Toggle, 'link'>): void {
  focusNow(editor);
  const chain = editor.chain();
  if (toggle === 'bold') chain.toggleBold().run();
  else if (toggle === 'italic') chain.toggleItalic().run();
  else if (toggle === 'bulletList') chain.toggleBulletList().run();
  else if (toggle === 'orderedList') chain.toggleOrderedList().run();
  else chain.toggleBlockquote().run();
}

/**
 * The rationale's editor: a toolbar (a single tab stop, arrows move between
 * its buttons) over a TipTap editor. Uncontrolled: it starts from `initial`
 * and reports each change as a rationale document; give it a new `key` to
 * start again from another document (a restored or discarded draft).
 */
export function RationaleEditor({
  initial,
  onChange,
  labelId,
  describedBy,
  invalid,
  placeholder,
}: {
  initial: RichTextDoc;
  onChange: (doc: RichTextDoc) => void;
  /** The visible label's id: the editor's accessible name. */
  labelId: string;
  describedBy?: string;
  invalid?: boolean;
  placeholder?: string;
}) {
  const t = useTranslations('richText');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [linkOpen, setLinkOpen] = useState(false);
  const openLinkRef = useRef(() => setLinkOpen(true));

  const [content] = useState(initial); // later values of `initial` need a new key
  const editorProps = useMemo(
    () => ({
      attributes: (state: EditorState) => ({
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        ...(placeholder ? { 'aria-placeholder': placeholder, 'data-placeholder': placeholder } : {}),
        'data-empty': String(state.doc.childCount === 1 && state.doc.firstChild?.type.name === 'paragraph' && state.doc.textContent.length === 0),
        'data-testid': 'rationale-editor',
        class: 'rationale-editor-content',
      }),
      handleKeyDown: (view: EditorView, event: KeyboardEvent) => {
        syncSelectionFromDom(view);
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          openLinkRef.current();
          return true;
        }
        return false;
      },
    }),
    [labelId, describedBy, invalid, placeholder],
  );

  const editor = useEditor({
    extensions: EXTENSIONS,
    content,
    immediatelyRender: false, // server rendering has no DOM to edit
    // Its base styles are in app/globals.css: a <style> it injected would lack the page's CSP nonce.
    injectCSS: false,
    editorProps,
    onUpdate: ({ editor: e }) => onChangeRef.current(fromEditorJson(e.getJSON())),
  });

  const active = useEditorState({
    editor,
    selector: ({ editor: e }): Record<Toggle, boolean> | null =>
      e ? { bold: e.isActive('bold'), italic: e.isActive('italic'), link: e.isActive('link'), bulletList: e.isActive('bulletList'), orderedList: e.isActive('orderedList'), blockquote: e.isActive('blockquote') } : null,
  });

  // The toolbar's roving tab stop (WAI-ARIA toolbar pattern).
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  function onToolbarKey(event: ReactKeyboardEvent) {
    const last = TOGGLES.length - 1;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = next < 0 ? last : next > last ? 0 : next;
    setCurrent(index);
    buttons.current[index]?.focus();
  }

  function press(toggle: Toggle) {
    if (!editor) return;
    if (toggle !== 'link') return run(editor, toggle);
    // A link under the caret is removed; otherwise ask for the address.
    if (editor.isActive('link')) {
      focusNow(editor);
      editor.chain().extendMarkRange('link').unsetLink().run();
    }
    else setLinkOpen(true);
  }

  return (
    <div className="rationale-editor">
      <div className="rich-toolbar" role="toolbar" aria-label={t('toolbar')} onKeyDown={onToolbarKey}>
        {TOGGLES.map((toggle, index) => (
          <button
            key={toggle}
            ref={(el) => {
              buttons.current[index] = el;
            }}
            type="button"
            className={`rich-toggle rich-${toggle}`}
            tabIndex={index === current ? 0 : -1}
            aria-pressed={active?.[toggle] ?? false}
            aria-label={t(toggle)}
            aria-keyshortcuts={KEYS[toggle]}
            title={`${t(toggle)} (${KEYS[toggle].replace('Control', 'Ctrl')})`}
            disabled={!editor}
            onFocus={() => setCurrent(index)}
            onClick={() => press(toggle)}
          >
            {/* Drawn by CSS from the attribute: a glyph (1≡, «») is not a word the button's name could contain. */}
            <span className="rich-icon" aria-hidden="true" data-icon={t(`${toggle}Icon`)} />
          </button>
        ))}
      </div>
      {linkOpen && editor && <LinkPrompt editor={editor} onClose={() => setLinkOpen(false)} />}
      <EditorContent editor={editor} />
    </div>
  );
}

/** Asks for a link's address; refuses anything but http(s). Enter applies, Escape cancels; focus returns to the text. */
function LinkPrompt({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useTranslations('richText');
  const [href, setHref] = useState('');
  const [refused, setRefused] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  function close() {
    onClose();
    focusNow(editor);
  }

  function apply() {
    const address = href.trim();
    if (!isAllowedLink(address)) {
      setRefused(true);
      inputRef.current?.focus();
      return;
    }
    focusNow(editor);
    const chain = editor.chain();
    // With nothing selected, the address itself becomes the linked text.
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: address, marks: [{ type: 'link', attrs: { href: address } }] }).run();
    } else {
      // The caret goes after the link, as in word processors: the next key neither replaces nor extends it.
      chain
        .extendMarkRange('link')
        .setLink({ href: address })
        .command(({ tr }) => {
          tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
          return true;
        })
        .run();
    }
    onClose();
  }

  return (
    <div className="link-prompt" data-testid="link-prompt">
      <label htmlFor={inputId}>{t('linkAddress')}</label>
      <input
        ref={inputRef}
        id={inputId}
        type="url"
        inputMode="url"
        placeholder="https://…"
        value={href}
        aria-invalid={refused || undefined}
        aria-describedby={refused ? errorId : undefined}
        onChange={(e) => {
          setHref(e.target.value);
          setRefused(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault(); // not the verdict form's submit
            apply();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      <button type="button" onClick={apply}>
        {t('applyLink')}
      </button>
      <button type="button" className="link-button" onClick={close}>
        {t('cancelLink')}
      </button>
      {refused && (
        <p id={errorId} className="field-error" role="alert" data-testid="link-refused">
          {t('linkRefused')}
        </p>
      )}
    </div>
  );
}
