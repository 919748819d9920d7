'use client';

import {
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { EditorContent, Extension, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { useTranslations } from 'next-intl';
import type { ConsensusStatus } from '@/lib/consensus';
import type { Rating } from '@/lib/ratings';
import { offsetToPos, posToOffset, textBlocks, toDocJson, type TextBlock } from '@/lib/anchoring/document';
import type { ArticleStructure as Structure, StructureBlock } from '@/lib/articles/canonical';
import { ArticleStructure, MAX_DRAWN_DEPTH } from './article-structure';
import { rangesAtCaret, underlineLevels } from '@/lib/anchoring/overlaps';
import { outlinePath, type Box } from '@/lib/anchoring/outline';
import { ViewerChooser, type ChooserItem } from './viewer-chooser';
import type { Anchor } from './viewer-popover';
import { ViewerSelectionToolbar } from './viewer-selection-toolbar';
import { ViewerTooltip } from './viewer-tooltip';
import './article-viewer.css';

export interface ViewerClaim {
  id: string;
  /** UTF-16 offsets in `text`, end exclusive. */
  start: number;
  end: number;
  status: ConsensusStatus;
  /** The rating that sums the claim up: the one published, else the leading one (lib/consensus summaryRating). */
  rating: Rating | null;
  reviewerCount: number;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface ArticleViewerHandle {
  /** Focus the article text, keeping its caret/selection. */
  focus(): void;
  /** Scroll the claim into view (centred if off screen) and put the caret at its start; focus the text if asked. */
  revealClaim(id: string, options?: { focus?: boolean }): void;
  /** Text offset of the caret (selection head), or null before the editor exists. */
  caretOffset(): number | null;
  /** The selection as the browser has it at this instant (selectionNow): a shortcut pressed right after Shift+arrow acts on all of it. */
  currentSelection(): TextRange | null;
}

export interface ArticleViewerProps {
  text: string;
  /** Headings, lists, quotations, emphasis and links of a Markdown or HTML article, as ranges of `text`; null for plain text. */
  structure?: Structure | null;
  /** The ARTICLE's language. */
  lang: string;
  claims: readonly ViewerClaim[];
  selectedClaimId: string | null;
  /** Click on a highlight (after the chooser when several claims cover the point), or Enter with the caret in a claim. */
  onOpenClaim: (id: string) => void;
  /** Current selection in text offsets (null when collapsed), as mouse, touch or Shift+arrows change it. */
  onSelectionChange: (range: TextRange | null) => void;
  /** The floating selection toolbar's "Mark as claim" button. */
  onMarkClaim: (range: TextRange) => void;
  /** While a claim is being created: the toolbar's button is disabled. */
  markBusy?: boolean;
  ref?: Ref<ArticleViewerHandle>;
}

// ---------------------------------------------------------------------------
// Highlights: ProseMirror inline decorations (never marks: the document stays
// exactly the mapped paragraphs), one <span> per claim, nested where claims
// overlap. Each claim's underline sits on its own level (underlineLevels), in
// its status's colour and line style (article-viewer.css).
// ---------------------------------------------------------------------------

/** Levels beyond this share the last one: the line box has room for five underlines. */
const MAX_LEVEL = 4;

interface HighlightInput {
  blocks: readonly TextBlock[];
  claims: readonly ViewerClaim[];
  selectedClaimId: string | null;
}

interface HighlightState {
  set: DecorationSet;
  /** Claims in the DOM so far; null before the first build. */
  painted: number | null;
  /** New highlights still to paint, in document order (see PAINT_CHUNK). */
  queue: readonly Decoration[];
  /** Decorations of the last build by what they look like, reused when unchanged so the view redraws only what changed. */
  reuse: Map<string, Decoration>;
  doc: PMNode | null;
}

const HIGHLIGHTS = new PluginKey<HighlightState>('claimHighlights');
const PAINT_MORE = 'cruxPaintMoreHighlights';
const EMPTY_HIGHLIGHTS: HighlightState = { set: DecorationSet.empty, painted: null, queue: [], reuse: new Map(), doc: null };

/**
 * New highlights are painted at most this many per task, top of the article
 * first, so that thousands of claims never block the page for long (about
 * 60 ms a chunk here); highlights already painted are kept as they are.
 */
const PAINT_CHUNK = 300;

function buildHighlights(doc: PMNode, { blocks, claims, selectedClaimId }: HighlightInput, previous: HighlightState): HighlightState {
  const size = doc.content.size;
  const levels = underlineLevels(claims);
  const reusable = previous.doc === doc ? previous.reuse : null;
  const unpainted = new Set(previous.queue);
  const reuse = new Map<string, Decoration>();
  const kept: Decoration[] = [];
  const fresh: Decoration[] = [];
  claims.forEach((claim, i) => {
    if (!(claim.end > claim.start)) return;
    const from = offsetToPos(blocks, claim.start);
    const to = offsetToPos(blocks, claim.end);
    if (from < 0 || to > size || to <= from) return;
    const level = Math.min(levels[i]!, MAX_LEVEL);
    const selected = claim.id === selectedClaimId;
    const key = `${claim.id}\u0000${from}\u0000${to}\u0000${claim.status}\u0000${level}\u0000${selected ? 1 : 0}`;
    const old = reusable?.get(key);
    if (old) {
      (unpainted.has(old) ? fresh : kept).push(old);
      reuse.set(key, old);
      return;
    }
    const className = `claim-highlight claim-${claim.status} claim-level-${level}${selected ? ' claim-selected' : ''}`;
    // nodeName makes every decoration its own <span>: overlapping claims nest
    // instead of being merged into one element (whose data-claim-id would be lost).
    const decoration = Decoration.inline(from, to, { nodeName: 'span', class: className, 'data-claim-id': claim.id }, { claimId: claim.id });
    reuse.set(key, decoration);
    fresh.push(decoration);
  });
  // The selected claim first (a permalink may point far down), then in document order.
  fresh.sort((a, b) => Number(b.spec.claimId === selectedClaimId) - Number(a.spec.claimId === selectedClaimId) || a.from - b.from);
  const now = kept.concat(fresh.slice(0, PAINT_CHUNK));
  return { set: DecorationSet.create(doc, now), painted: now.length, queue: fresh.slice(PAINT_CHUNK), reuse, doc };
}

function paintMore(doc: PMNode, state: HighlightState): HighlightState {
  const chunk = state.queue.slice(0, PAINT_CHUNK);
  return { ...state, set: state.set.add(doc, chunk), painted: (state.painted ?? 0) + chunk.length, queue: state.queue.slice(PAINT_CHUNK) };
}

/** Highlights plugin; `initial` gives the claims known when the editor is created, so the first paint already has them. */
function claimHighlights(initial: () => HighlightInput) {
  return Extension.create({
    name: 'claimHighlights',
    addProseMirrorPlugins() {
      return [
        new Plugin<HighlightState>({
          key: HIGHLIGHTS,
          state: {
            init: (_config, state) => buildHighlights(state.doc, initial(), EMPTY_HIGHLIGHTS),
            apply(tr, previous) {
              const input = tr.getMeta(HIGHLIGHTS) as HighlightInput | undefined;
              if (input) return buildHighlights(tr.doc, input, previous);
              if (tr.getMeta(PAINT_MORE) && previous.queue.length > 0) return paintMore(tr.doc, previous);
              return tr.docChanged ? { ...previous, set: previous.set.map(tr.mapping, tr.doc), doc: tr.doc } : previous;
            },
          },
          // Paints the queue one chunk per task, yielding to input and rendering in between.
          view(view) {
            let timer: number | undefined;
            const schedule = () => {
              if (timer !== undefined || (HIGHLIGHTS.getState(view.state)?.queue.length ?? 0) === 0) return;
              timer = window.setTimeout(() => {
                timer = undefined;
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(PAINT_MORE, true).setMeta('addToHistory', false));
              }, 0);
            };
            schedule();
            return { update: schedule, destroy: () => window.clearTimeout(timer) };
          },
          props: {
            decorations: (state: EditorState) => HIGHLIGHTS.getState(state)?.set,
            // Set in the same view update that puts the highlights in the DOM (the contract's painted signal).
            attributes: (state: EditorState): Record<string, string> => {
              const painted = HIGHLIGHTS.getState(state)?.painted;
              return painted === null || painted === undefined ? {} : { 'data-painted-claims': String(painted) };
            },
          },
        }),
      ];
    },
  });
}

// ---------------------------------------------------------------------------
// Read-only text with a caret: the view is editable (so the caret can be placed
// and moved, and Shift+arrows extend the selection, as in any editor), but
// every change to the document is refused. Only replacing the whole text when
// the `text` prop changes is let through, marked with ALLOW_DOC_CHANGE.
// ---------------------------------------------------------------------------

const ALLOW_DOC_CHANGE = 'cruxAllowDocChange';

const ReadOnlyText = Extension.create({
  name: 'readOnlyText',
  addProseMirrorPlugins() {
    const refuse = () => true;
    return [
      new Plugin({
        key: new PluginKey('readOnlyText'),
        // Typing, Backspace, Enter's split, bold shortcuts, cut's deletion, IME
        // compositions read back from the DOM: all arrive here and are dropped
        // (the view then redraws the paragraph it had).
        filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ALLOW_DOC_CHANGE) === true,
        props: {
          handleTextInput: refuse,
          handlePaste: refuse,
          // Dragging a passage out (to copy it elsewhere) is fine; dropping anything into the text is not.
          handleDrop: refuse,
          handleDOMEvents: {
            // Stop edits before the browser makes them (insertText, deleteContent…, insertFromPaste…).
            beforeinput: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});

// Nothing here may add, remove or change nodes: positions must stay exactly as
// mapped by lib/anchoring/document.ts (doc > (paragraph | heading) > text | hardBreak,
// text with italic, bold and link marks, which take no position).
const STARTER_KIT = StarterKit.configure({
  trailingNode: false,
  undoRedo: false,
  // A link in the article is for reading on, not for leaving the page while selecting a
  // passage: a click puts the caret (the text is editable for its caret), Ctrl/Cmd+click
  // or Ctrl/Cmd+Enter opens it in a new tab (openArticleLink), without the opener or referrer.
  link: {
    openOnClick: false,
    autolink: false,
    linkOnPaste: false,
    enableClickSelection: false,
    HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: 'article-link' },
  },
  dropcursor: false,
  gapcursor: false,
  listKeymap: false,
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function selectionRange(state: EditorState, blocks: readonly TextBlock[]): TextRange | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const start = posToOffset(blocks, from);
  const end = posToOffset(blocks, to);
  return end > start ? { start, end } : null;
}

/**
 * The selection as the browser has it at this instant where it lies in the
 * text, else the editor's. ProseMirror learns of a keyboard selection change
 * on the next `selectionchange`, and ignores one that arrives after the focus
 * has left the text (Tab to the selection toolbar): its own selection can be
 * some keys old when a shortcut or the toolbar marks a claim.
 */
function selectionNow(view: EditorView, blocks: readonly TextBlock[]): TextRange | null {
  const dom = window.getSelection();
  if (dom && dom.anchorNode && dom.focusNode && view.dom.contains(dom.anchorNode) && view.dom.contains(dom.focusNode)) {
    const anchor = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(dom.focusNode, dom.focusOffset);
    const start = posToOffset(blocks, Math.min(anchor, head));
    const end = posToOffset(blocks, Math.max(anchor, head));
    return end > start ? { start, end } : null;
  }
  return selectionRange(view.state, blocks);
}

/** The http(s) or mailto link of an article's <a> at or around `target`, if any. */
function linkAt(target: EventTarget | null, root: HTMLElement): string | null {
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  const anchor = el?.closest('a[href]');
  if (!anchor || !root.contains(anchor)) return null;
  const href = anchor.getAttribute('href') ?? '';
  return /^(https?:|mailto:)/i.test(href) ? href : null;
}

/** Opens an article's link in a new tab that cannot reach back to Crux (no opener, no referrer). */
function openArticleLink(href: string): void {
  window.open(href, '_blank', 'noopener,noreferrer');
}

/** Claim ids of the highlight spans enclosing an event target (each covering claim's span encloses it). */
function claimIdsFromTarget(target: EventTarget | null, root: HTMLElement): string[] {
  let el: Element | null = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  if (!el || !root.contains(el)) return [];
  const ids: string[] = [];
  while (el && el !== root) {
    const id = el.getAttribute('data-claim-id');
    if (id !== null && !ids.includes(id)) ids.push(id);
    el = el.parentElement;
  }
  return ids;
}

/** What the highlights of `claims` depend on, as a string to compare renders by value. */
function highlightKey(claims: readonly ViewerClaim[]): string {
  return claims.map((c) => `${c.id}\u0000${c.start}\u0000${c.end}\u0000${c.status}`).join('\u0001');
}

/** Innermost first: shortest, then the one starting last. */
function innermostFirst(a: ViewerClaim, b: ViewerClaim): number {
  return a.end - a.start - (b.end - b.start) || b.start - a.start;
}

/** The boxes of the text between two positions, one per text fragment, relative to `base`. */
function textBoxes(view: EditorView, from: number, to: number, base: DOMRect): Box[] {
  const start = view.domAtPos(from);
  const end = view.domAtPos(to);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  const boxes: Box[] = [];
  const walker = document.createTreeWalker(view.dom, NodeFilter.SHOW_TEXT);
  walker.currentNode = start.node;
  let node: Node | null = start.node.nodeType === Node.TEXT_NODE ? start.node : walker.nextNode();
  const piece = document.createRange();
  while (node) {
    if (range.comparePoint(node, 0) > 0) break; // past the end
    if (range.intersectsNode(node)) {
      piece.setStart(node, node === range.startContainer ? range.startOffset : 0);
      piece.setEnd(node, node === range.endContainer ? range.endOffset : (node as Text).length);
      for (const r of piece.getClientRects()) {
        boxes.push({ left: r.left - base.left, top: r.top - base.top, right: r.right - base.left, bottom: r.bottom - base.top });
      }
    }
    node = walker.nextNode();
  }
  return boxes;
}

/** Whether `el` shows inside the viewport and every scrolling box around it. */
function isOnScreen(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  let top = 0;
  let bottom = window.innerHeight;
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') {
      const box = p.getBoundingClientRect();
      top = Math.max(top, box.top);
      bottom = Math.min(bottom, box.bottom);
    }
  }
  return rect.bottom > top && rect.top < bottom;
}

function excerpt(text: string, claim: ViewerClaim, max = 90): string {
  const quote = text.slice(claim.start, claim.end).replace(/\s+/g, ' ').trim();
  if (quote.length <= max) return quote;
  const cut = quote.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function caretAnchor(view: EditorView, pos: number): Anchor {
  const c = view.coordsAtPos(pos);
  return { left: c.left, top: c.top, bottom: c.bottom };
}

/** The data-* attributes the editor gives a structured block (components/article-structure.ts), for the fallback. */
function blockAttributes(block: StructureBlock | undefined): Record<string, string> {
  if (!block) return {};
  const attrs: Record<string, string> = {};
  if (block.kind === 'listItem') attrs['data-list-item'] = block.ordered ? 'ordered' : 'bullet';
  if (block.kind === 'listItem' && block.ordered && block.number !== undefined) attrs['data-number'] = `${block.number}.`;
  if (block.depth > 0) attrs['data-depth'] = String(Math.min(block.depth, MAX_DRAWN_DEPTH));
  if (block.quote > 0) attrs['data-quote'] = String(Math.min(block.quote, MAX_DRAWN_DEPTH));
  return attrs;
}

/** Static rendering shown until the editor exists (SSR / first paint): same blocks and line breaks. */
function FallbackText({ text, blocks, structure }: { text: string; blocks: readonly TextBlock[]; structure: Structure | null }): ReactNode {
  return (
    <div className="article-fallback">
      {blocks.map((b, i) => {
        const lines = text.slice(b.start, b.end).split('\n');
        const block = structure?.blocks[i];
        const Tag = block?.kind === 'heading' ? (`h${Math.min((block.level ?? 1) + 1, 6)}` as 'h2') : 'p';
        return (
          <Tag key={b.start} {...blockAttributes(block)}>
            {lines.map((line, k) => (
              <span key={k}>
                {k > 0 && <br />}
                {line}
              </span>
            ))}
          </Tag>
        );
      })}
    </div>
  );
}

// ---------------------------------------------------------------------------
// Component
// ---------------------------------------------------------------------------

interface ChooserState {
  ids: string[];
  anchor: Anchor;
}

export function ArticleViewer({
  text,
  structure = null,
  lang,
  claims,
  selectedClaimId,
  onOpenClaim,
  onSelectionChange,
  onMarkClaim,
  markBusy = false,
  ref,
}: ArticleViewerProps) {
  const t = useTranslations('viewer');
  const tooltipId = useId();
  const blocks = useMemo(() => textBlocks(text), [text]);
  const byId = useMemo(() => new Map(claims.map((c) => [c.id, c])), [claims]);

  // Latest values for handlers created once with the editor.
  const blocksRef = useRef<readonly TextBlock[]>(blocks); // blocks of the text the editor currently shows
  const claimsRef = useRef(claims);
  claimsRef.current = claims;
  const selectedRef = useRef(selectedClaimId);
  selectedRef.current = selectedClaimId;
  const onOpenClaimRef = useRef(onOpenClaim);
  onOpenClaimRef.current = onOpenClaim;
  const onSelectionChangeRef = useRef(onSelectionChange);
  onSelectionChangeRef.current = onSelectionChange;
  const labelRef = useRef(t('textLabel'));
  labelRef.current = t('textLabel');

  const containerRef = useRef<HTMLDivElement>(null);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [chooser, setChooser] = useState<ChooserState | null>(null);
  const [pointerTip, setPointerTip] = useState<{ ids: string[]; anchor: Anchor } | null>(null);
  const [caret, setCaret] = useState<{ head: number; empty: boolean; range: TextRange | null; focused: boolean }>({
    head: 0,
    empty: true,
    range: null,
    focused: false,
  });
  const [tipDismissedAt, setTipDismissedAt] = useState<number | null>(null);
  const [toolbarFocused, setToolbarFocused] = useState(false);
  const toolbarFocusedRef = useRef(false);
  toolbarFocusedRef.current = toolbarFocused;
  const [pointerDown, setPointerDown] = useState(false);
  const [layoutTick, setLayoutTick] = useState(0);
  const lastInputRef = useRef<'keyboard' | 'pointer'>('keyboard');

  const openChooserOrClaim = useCallback((ids: string[], anchor: Anchor) => {
    if (ids.length === 0) return;
    setPointerTip(null);
    if (ids.length === 1) onOpenClaimRef.current(ids[0]!);
    else setChooser({ ids, anchor });
  }, []);

  const initialInputRef = useRef<HighlightInput | null>(null);

  // Stable options: useEditor calls editor.setOptions whenever an option changes identity.
  const [initialContent] = useState(() => toDocJson(text, structure)); // later changes go through the sync effect below
  const [extensions] = useState(() => [
    STARTER_KIT,
    ArticleStructure,
    ReadOnlyText,
    claimHighlights(() => {
      initialInputRef.current = { blocks: blocksRef.current, claims: claimsRef.current, selectedClaimId: selectedRef.current };
      return initialInputRef.current;
    }),
  ]);
  const editorProps = useMemo(
    () => ({
      attributes: () => ({
        'data-testid': 'article-text',
        'aria-label': labelRef.current,
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        // An editable view for the caret, but phones must not raise a keyboard for it.
        inputmode: 'none',
        spellcheck: 'false',
        autocorrect: 'off',
        autocapitalize: 'off',
        translate: 'no',
      }),
      handleClick(view: EditorView, pos: number, event: MouseEvent): boolean {
        const href = event.ctrlKey || event.metaKey ? linkAt(event.target, view.dom) : null;
        if (href) {
          openArticleLink(href);
          return true;
        }
        const hit = new Set(claimIdsFromTarget(event.target, view.dom));
        if (hit.size === 0) return false;
        const ids = claimsRef.current
          .filter((c) => hit.has(c.id))
          .sort(innermostFirst)
          .map((c) => c.id);
        // The caret goes where the reader clicked, now: the chooser or the panel is about to take
        // focus, and ProseMirror reads the DOM selection only while the text has it.
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
        openChooserOrClaim(ids, { left: event.clientX, top: event.clientY, bottom: event.clientY });
        return true;
      },
      handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
        if (event.key === 'Escape') setTipDismissedAt(view.state.selection.head);
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey) {
          // The link at the caret, as Ctrl/Cmd+click opens it.
          const link = view.state.selection.$head.marks().find((m) => m.type.name === 'link');
          const href = typeof link?.attrs.href === 'string' && /^(https?:|mailto:)/i.test(link.attrs.href) ? link.attrs.href : null;
          if (!href) return false;
          event.preventDefault();
          openArticleLink(href);
          return true;
        }
        if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
        // Enter belongs to the text (contract): open the claim at the caret, never split a paragraph.
        event.stopPropagation();
        const head = view.state.selection.head;
        const claimsNow = claimsRef.current;
        const ids = rangesAtCaret(claimsNow, posToOffset(blocksRef.current, head)).map((i) => claimsNow[i]!.id);
        openChooserOrClaim(ids, caretAnchor(view, head));
        return true;
      },
    }),
    [openChooserOrClaim],
  );

  const editor = useEditor({
    extensions,
    content: initialContent,
    editable: true,
    immediatelyRender: false,
    enableInputRules: false,
    // Its base styles are in app/globals.css: a <style> it injected would lack the page's CSP nonce.
    injectCSS: false,
    enablePasteRules: false,
    editorProps,
    onSelectionUpdate: ({ editor: e }) => {
      onSelectionChangeRef.current(selectionRange(e.state, blocksRef.current));
    },
    onTransaction: ({ editor: e }) => {
      const { head, empty } = e.state.selection;
      const range = selectionRange(e.state, blocksRef.current);
      setCaret((prev) =>
        prev.head === head && prev.empty === empty && prev.range?.start === range?.start && prev.range?.end === range?.end
          ? prev
          : { ...prev, head, empty, range },
      );
    },
    onFocus: () => {
      // Outline the text only when focus came from the keyboard: a click shows the caret where it lands.
      containerRef.current?.setAttribute('data-focus-source', lastInputRef.current);
      setCaret((prev) => ({ ...prev, focused: true }));
    },
    onBlur: ({ event }) => {
      // Tab from the text to the selection toolbar: keep the toolbar through the move.
      const next = event.relatedTarget;
      if (next instanceof Node && containerRef.current?.querySelector('.viewer-selection-toolbar')?.contains(next)) setToolbarFocused(true);
      setCaret((prev) => ({ ...prev, focused: false }));
    },
  });

  // Keep the document in sync with `text` and its structure (no-op unless they really changed).
  const syncedRef = useRef<{ editor: Editor; text: string; structure: Structure | null } | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const synced = syncedRef.current;
    if (synced && synced.editor === editor && synced.text === text && synced.structure === structure) return;
    blocksRef.current = blocks; // before the change: its selection update must map with the new blocks
    const doc = editor.schema.nodeFromJSON(toDocJson(text, structure));
    const { state, view } = editor;
    if (!state.doc.eq(doc)) {
      view.dispatch(state.tr.replaceWith(0, state.doc.content.size, doc.content).setMeta(ALLOW_DOC_CHANGE, true));
    }
    syncedRef.current = { editor, text, structure };
  }, [editor, text, structure, blocks]);

  // Repaint the highlights only when what they show (ranges, statuses, the selected
  // claim) or the text change: the workspace hands a new array on every render and
  // every poll. The tooltip reads ratings and reviewer counts from `claims` directly.
  const claimsKey = useMemo(() => highlightKey(claims), [claims]);
  const paintedRef = useRef<{ editor: Editor; blocks: readonly TextBlock[]; key: string } | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const key = `${claimsKey}\u0002${selectedClaimId}`;
    let painted = paintedRef.current;
    if (!painted || painted.editor !== editor) {
      // A new editor built its highlights when it was created (plugin init), from the props of that moment.
      const init = initialInputRef.current;
      painted = init && { editor, blocks: init.blocks, key: `${highlightKey(init.claims)}\u0002${init.selectedClaimId}` };
    }
    if (painted && painted.blocks === blocks && painted.key === key) {
      paintedRef.current = painted;
      return;
    }
    paintedRef.current = { editor, blocks, key };
    const input: HighlightInput = { blocks, claims: claimsRef.current, selectedClaimId };
    editor.view.dispatch(editor.state.tr.setMeta(HIGHLIGHTS, input).setMeta('addToHistory', false));
  }, [editor, blocks, claimsKey, selectedClaimId]);

  // Handle for the workspace.
  useImperativeHandle(
    ref,
    () => ({
      focus() {
        if (editor && !editor.isDestroyed) editor.view.focus();
      },
      revealClaim(id, options) {
        if (!editor || editor.isDestroyed) return;
        const claim = claimsRef.current.find((c) => c.id === id);
        if (!claim) return;
        const { view } = editor;
        const pos = offsetToPos(blocksRef.current, claim.start);
        view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
        if (options?.focus) view.focus();
        const el = view.dom.querySelector(`[data-claim-id="${CSS.escape(id)}"]`);
        if (el && !isOnScreen(el)) el.scrollIntoView({ block: 'center' });
      },
      caretOffset() {
        if (!editor || editor.isDestroyed) return null;
        return posToOffset(blocksRef.current, editor.state.selection.head);
      },
      currentSelection() {
        return editor && !editor.isDestroyed ? selectionNow(editor.view, blocksRef.current) : null;
      },
    }),
    [editor],
  );

  // Re-measure the overlays when the text reflows (resize, fonts, panel opening beside it).
  useEffect(() => {
    setContainer(containerRef.current);
    const el = containerRef.current;
    if (!el) return;
    const bump = () => setLayoutTick((n) => n + 1);
    const observer = new ResizeObserver(bump);
    observer.observe(el);
    void document.fonts?.ready.then(bump);
    return () => observer.disconnect();
  }, []);

  // Pointer state: the selection toolbar waits for the end of a drag; the focus outline is for keyboard users.
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      lastInputRef.current = 'keyboard';
      if (event.key === 'Escape') setPointerTip(null); // a tooltip must be dismissible without moving the pointer
    };
    const down = () => {
      lastInputRef.current = 'pointer';
    };
    document.addEventListener('keydown', key, true);
    document.addEventListener('pointerdown', down, true);
    return () => {
      document.removeEventListener('keydown', key, true);
      document.removeEventListener('pointerdown', down, true);
    };
  }, []);
  useEffect(() => {
    const up = () => setPointerDown(false);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    return () => {
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
  }, []);

  // When the page clears the selection (e.g. removeAllRanges after a claim was
  // created), drop it from the editor too: ProseMirror ignores a selection that
  // vanished, and the toolbar would stay, or the old selection come back on focus.
  useEffect(() => {
    if (!editor) return;
    const onSelectionChangeDom = () => {
      if (editor.isDestroyed || toolbarFocusedRef.current) return;
      const { selection } = editor.state;
      if (selection.empty) return;
      const dom = window.getSelection();
      const hasRange = !!dom && dom.rangeCount > 0;
      if (hasRange && !dom.isCollapsed && editor.view.dom.contains(dom.anchorNode)) return;
      if (hasRange && editor.view.hasFocus()) return; // a caret in the text: ProseMirror reads it itself
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, selection.head)));
    };
    document.addEventListener('selectionchange', onSelectionChangeDom);
    return () => document.removeEventListener('selectionchange', onSelectionChangeDom);
  }, [editor]);

  // A read-only view still tracks DOM selections; re-read after mouseup once
  // ProseMirror has synced its state (reported even if unchanged, e.g. when the
  // same passage is selected again after the DOM selection was cleared).
  const onMouseUp = () => {
    window.setTimeout(() => {
      if (!editor || editor.isDestroyed) return;
      onSelectionChangeRef.current(selectionRange(editor.state, blocksRef.current));
    }, 0);
  };

  const onPointerMove = (event: ReactPointerEvent) => {
    // Hover is for mice: on a touch screen a tap opens the claim, and a tooltip would linger over the text.
    if (event.pointerType !== 'mouse' || !editor || editor.isDestroyed || chooser) return;
    const ids = claimIdsFromTarget(event.target, editor.view.dom);
    const hit = new Set(ids);
    const sorted = claimsRef.current
      .filter((c) => hit.has(c.id))
      .sort(innermostFirst)
      .map((c) => c.id);
    setPointerTip((prev) => {
      if (sorted.length === 0) return null;
      if (prev && prev.ids.join() === sorted.join()) return prev;
      return { ids: sorted, anchor: { left: event.clientX, top: event.clientY, bottom: event.clientY + 8 } };
    });
  };

  // The selected claim's outline: one path over its line boxes.
  const [outline, setOutline] = useState('');
  useLayoutEffect(() => {
    const claim = selectedClaimId ? byId.get(selectedClaimId) : undefined;
    if (!editor || editor.isDestroyed || !claim || !container || claim.end <= claim.start) {
      setOutline('');
      return;
    }
    const from = offsetToPos(blocks, claim.start);
    const to = offsetToPos(blocks, claim.end);
    setOutline(outlinePath(textBoxes(editor.view, from, to, container.getBoundingClientRect()), 3));
  }, [editor, container, selectedClaimId, byId, blocks, layoutTick]);

  // The caret's tooltip: claims around a collapsed caret while the text has focus.
  const caretTipIds = useMemo(() => {
    if (!editor || !caret.focused || !caret.empty || tipDismissedAt === caret.head) return [];
    const offset = posToOffset(blocks, caret.head);
    return rangesAtCaret(claims, offset).map((i) => claims[i]!.id);
  }, [editor, caret, tipDismissedAt, blocks, claims]);
  const tip = chooser
    ? null
    : pointerTip ??
      (caretTipIds.length > 0 && editor && !editor.isDestroyed
        ? { ids: caretTipIds, anchor: caretAnchor(editor.view, caret.head) }
        : null);
  const tipClaims = (tip?.ids ?? []).map((id) => byId.get(id)).filter((c): c is ViewerClaim => !!c);

  // Describe the text by the tooltip while it shows claims at the caret.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    if (tipClaims.length > 0 && !pointerTip) dom.setAttribute('aria-describedby', tooltipId);
    else dom.removeAttribute('aria-describedby');
  }, [editor, tipClaims.length, pointerTip, tooltipId]);

  // The selection toolbar: at a non-empty selection, once the pointer is up, while the text or the toolbar has focus.
  const toolbarRange = caret.range;
  const showToolbar = !!editor && !editor.isDestroyed && toolbarRange !== null && !pointerDown && (caret.focused || toolbarFocused);
  const toolbarAnchor = useMemo<Anchor | null>(() => {
    if (!showToolbar || !editor || !toolbarRange) return null;
    const { from, to } = editor.state.selection;
    const start = editor.view.coordsAtPos(from);
    const end = editor.view.coordsAtPos(to);
    return { left: start.top === end.top ? start.left : Math.min(start.left, end.left), top: start.top, bottom: end.bottom };
    // layoutTick: re-place after reflows
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showToolbar, editor, toolbarRange?.start, toolbarRange?.end, layoutTick]);

  const chooserItems: ChooserItem[] = (chooser?.ids ?? [])
    .map((id) => byId.get(id))
    .filter((c): c is ViewerClaim => !!c)
    .map((c) => ({ id: c.id, status: c.status, excerpt: excerpt(text, c) }));

  const closeChooser = useCallback(
    (returnFocus: boolean) => {
      setChooser(null);
      if (!returnFocus || !editor || editor.isDestroyed) return;
      // Back at the same caret: the reader has just seen these claims, no tooltip again.
      setTipDismissedAt(editor.state.selection.head);
      editor.view.focus();
    },
    [editor],
  );

  return (
    <div
      ref={containerRef}
      className="article-text"
      lang={lang}
      onMouseUp={onMouseUp}
      onPointerMove={onPointerMove}
      onMouseLeave={() => setPointerTip(null)}
      onPointerDown={(event) => {
        // Only a press in the text starts a selection (not one on the toolbar or the chooser).
        if (editor && !editor.isDestroyed && editor.view.dom.contains(event.target as Node)) setPointerDown(true);
      }}
    >
      {!editor && <FallbackText text={text} blocks={blocks} structure={structure} />}
      <EditorContent editor={editor} />
      {showToolbar && toolbarAnchor && container && toolbarRange && (
        <ViewerSelectionToolbar
          anchor={toolbarAnchor}
          container={container}
          busy={markBusy}
          onMark={() => {
            // The selection now, not the last render's nor the editor's: keys can outrun both.
            const range = editor && !editor.isDestroyed ? selectionNow(editor.view, blocksRef.current) : null;
            if (range) onMarkClaim(range);
          }}
          onFocusChange={setToolbarFocused}
          onEscape={() => editor?.view.focus()}
        />
      )}
      <svg className="viewer-outline" aria-hidden="true" data-testid="claim-outline" data-claim-id={outline ? selectedClaimId ?? undefined : undefined}>
        {outline && <path d={outline} />}
      </svg>
      <ViewerTooltip id={tooltipId} claims={tipClaims} anchor={tip?.anchor ?? null} container={container} />
      {chooser && container && chooserItems.length > 0 && (
        <ViewerChooser
          items={chooserItems}
          lang={lang}
          anchor={chooser.anchor}
          container={container}
          onClose={closeChooser}
          onChoose={(id) => {
            closeChooser(true);
            onOpenClaimRef.current(id);
          }}
        />
      )}
    </div>
  );
}
