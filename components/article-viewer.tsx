'use client';

import { useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import { TextSelection } from '@tiptap/pm/state';
import type { ConsensusStatus } from '@/lib/consensus';
import type { Rating } from '@/lib/ratings';
import { EditorContent, Extension, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { offsetToPos, posToOffset, textBlocks, toDocJson, type TextBlock } from '@/lib/anchoring/document';
import './article-viewer.css';

export interface ViewerClaim {
  id: string;
  start: number;
  end: number;
  status: ConsensusStatus;
  leadingRating: Rating | null;
  reviewerCount: number;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface ArticleViewerHandle {
  focus(): void;
  revealClaim(id: string, options?: { focus?: boolean }): void;
  caretOffset(): number | null;
}

export interface ArticleViewerProps {
  text: string;
  lang: string;
  claims: readonly ViewerClaim[];
  selectedClaimId: string | null;
  onOpenClaim: (id: string) => void;
  onSelectionChange: (range: TextRange | null) => void;
  onMarkClaim: (range: TextRange) => void;
  markBusy?: boolean;
  ref?: React.Ref<ArticleViewerHandle>;
}

// ---------------------------------------------------------------------------
// Highlights: ProseMirror inline decorations (never marks: the document stays
// exactly the mapped paragraphs). The plugin state is a DecorationSet rebuilt
// whenever a transaction carries HIGHLIGHTS meta, and mapped otherwise.
// ---------------------------------------------------------------------------

interface HighlightInput {
  blocks: readonly TextBlock[];
  claims: readonly ViewerClaim[];
  selectedClaimId: string | null;
}

const HIGHLIGHTS = new PluginKey<DecorationSet>('claimHighlights');

function buildDecorations(doc: PMNode, { blocks, claims, selectedClaimId }: HighlightInput): DecorationSet {
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  for (const claim of claims) {
    if (!(claim.end > claim.start)) continue;
    const from = offsetToPos(blocks, claim.start);
    const to = offsetToPos(blocks, claim.end);
    if (from < 0 || to > size || to <= from) continue;
    const className = `claim-highlight claim-${claim.status}${claim.id === selectedClaimId ? ' claim-selected' : ''}`;
    // nodeName makes every decoration its own <span>: overlapping claims nest
    // instead of being merged into one element (whose data-claim-id would be lost).
    decorations.push(
      Decoration.inline(from, to, { nodeName: 'span', class: className, 'data-claim-id': claim.id }, { claimId: claim.id }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

const ClaimHighlights = Extension.create({
  name: 'claimHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: HIGHLIGHTS,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, previous) {
            const input = tr.getMeta(HIGHLIGHTS) as HighlightInput | undefined;
            if (input) return buildDecorations(tr.doc, input);
            return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous;
          },
        },
        props: {
          decorations: (state: EditorState) => HIGHLIGHTS.getState(state),
        },
      }),
    ];
  },
});

// Nothing here may add, remove or change nodes: positions must stay exactly as
// mapped by lib/anchoring/document.ts (doc > paragraph > text | hardBreak).
const EXTENSIONS = [
  StarterKit.configure({
    trailingNode: false,
    undoRedo: false,
    link: false,
    dropcursor: false,
    gapcursor: false,
    listKeymap: false,
  }),
  ClaimHighlights,
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function selectionRange(state: EditorState, blocks: readonly TextBlock[]): { start: number; end: number } | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const start = posToOffset(blocks, from);
  const end = posToOffset(blocks, to);
  return end > start ? { start, end } : null;
}

/** Claim ids of the highlight spans enclosing the click target (each covering span is nested). */
function claimIdsFromTarget(target: EventTarget | null, root: HTMLElement): string[] {
  let el: Element | null =
    target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  const ids: string[] = [];
  while (el && el !== root) {
    const id = el.getAttribute('data-claim-id');
    if (id !== null && !ids.includes(id)) ids.push(id);
    el = el.parentElement;
  }
  return ids;
}

/** Static rendering shown until the editor exists (SSR / first paint): same paragraphs and line breaks. */
function FallbackText({ text, blocks }: { text: string; blocks: readonly TextBlock[] }): ReactNode {
  return (
    <div className="article-fallback">
      {blocks.map((b) => {
        const lines = text.slice(b.start, b.end).split('\n');
        return (
          <p key={b.start}>
            {lines.map((line, i) => (
              <span key={i}>
                {i > 0 && <br />}
                {line}
              </span>
            ))}
          </p>
        );
      })}
    </div>
  );
}

// ---------------------------------------------------------------------------
// Component
// ---------------------------------------------------------------------------

export function ArticleViewer({
  text,
  claims,
  selectedClaimId,
  onOpenClaim,
  onSelectionChange,
  lang,
  ref,
}: ArticleViewerProps) {
  const onSelectClaim = (ids: string[]) => {
    if (ids[0]) onOpenClaim(ids[0]);
  };
  const blocks = useMemo(() => textBlocks(text), [text]);

  // Latest values for handlers created once with the editor.
  const blocksRef = useRef<readonly TextBlock[]>(blocks); // blocks of the text the editor currently shows
  const claimsRef = useRef(claims);
  claimsRef.current = claims;
  const onSelectClaimRef = useRef(onSelectClaim);
  onSelectClaimRef.current = onSelectClaim;
  const onSelectionChangeRef = useRef(onSelectionChange);
  onSelectionChangeRef.current = onSelectionChange;

  // Stable options: useEditor calls editor.setOptions whenever an option changes identity.
  const [initialContent] = useState(() => toDocJson(text)); // later changes go through setContent below
  const editorProps = useMemo(
    () => ({
      attributes: { 'data-testid': 'article-text', 'aria-readonly': 'true', 'aria-multiline': 'true' },
      handleClick(view: EditorView, _pos: number, event: MouseEvent): boolean {
        const hit = new Set(claimIdsFromTarget(event.target, view.dom));
        if (hit.size === 0) return false;
        const ids = claimsRef.current
          .filter((c) => hit.has(c.id))
          .sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start)
          .map((c) => c.id);
        if (ids.length > 0) onSelectClaimRef.current(ids);
        return false; // keep ProseMirror's default click behaviour (collapses the selection)
      },
    }),
    [],
  );

  useImperativeHandle(ref, () => ({
    focus: () => editor?.view.dom.focus(),
    revealClaim(id, options) {
      const claim = claimsRef.current.find((c) => c.id === id);
      if (!editor || editor.isDestroyed || !claim) return;
      const pos = offsetToPos(blocksRef.current, claim.start);
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
      editor.view.dom.querySelector(`[data-claim-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
      if (options?.focus) editor.view.dom.focus({ preventScroll: true });
    },
    caretOffset: () => (editor && !editor.isDestroyed ? posToOffset(blocksRef.current, editor.state.selection.head) : null),
  }));

  const editor = useEditor({
    extensions: EXTENSIONS,
    content: initialContent,
    editable: false,
    immediatelyRender: false,
    enableInputRules: false,
    enablePasteRules: false,
    editorProps,
    onSelectionUpdate: ({ editor: e }) => {
      onSelectionChangeRef.current(selectionRange(e.state, blocksRef.current));
    },
  });

  // Keep the document in sync with `text` (no-op unless the text really changed).
  const syncedRef = useRef<{ editor: Editor; text: string } | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const synced = syncedRef.current;
    if (synced && synced.editor === editor && synced.text === text) return;
    const json = toDocJson(text);
    blocksRef.current = blocks; // before setContent: its selectionUpdate must map with the new blocks
    if (!editor.state.doc.eq(editor.schema.nodeFromJSON(json))) {
      editor.commands.setContent(json, { emitUpdate: false });
    }
    syncedRef.current = { editor, text };
  }, [editor, text, blocks]);

  // Refresh the highlights when the claims (by value) or the selected claim change.
  const claimsKey = useMemo(
    () => claims.map((c) => `${c.id}\u0000${c.start}\u0000${c.end}\u0000${c.status}`).join('\u0001'),
    [claims],
  );
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const input: HighlightInput = { blocks: blocksRef.current, claims: claimsRef.current, selectedClaimId };
    editor.view.dispatch(editor.state.tr.setMeta(HIGHLIGHTS, input).setMeta('addToHistory', false));
  }, [editor, text, claimsKey, selectedClaimId]);

  // A read-only view still tracks DOM selections; re-read after mouseup once
  // ProseMirror has synced its state (reported even if unchanged, e.g. when the
  // same passage is selected again after the DOM selection was cleared).
  const onMouseUp = () => {
    window.setTimeout(() => {
      if (!editor || editor.isDestroyed) return;
      onSelectionChangeRef.current(selectionRange(editor.state, blocksRef.current));
    }, 0);
  };

  return (
    <div className="article-text" lang={lang} onMouseUp={onMouseUp}>
      {!editor && <FallbackText text={text} blocks={blocks} />}
      <EditorContent editor={editor} />
    </div>
  );
}
