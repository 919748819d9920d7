import { Extension } from '@tiptap/core';
import type { STRUCTURE_ATTRIBUTES } from '@/lib/anchoring/document';

/** Levels of indentation drawn; deeper lists and quotations are drawn at this one (article-viewer.css). */
export const MAX_DRAWN_DEPTH = 8;

type Attrs = Record<(typeof STRUCTURE_ATTRIBUTES)[number] | string, unknown>;

/**
 * The attributes of a structured article's blocks on the paragraph and heading
 * nodes (lib/anchoring/document.ts STRUCTURE_ATTRIBUTES), drawn as data-*
 * attributes: a list item's bullet or number and its indentation, a
 * quotation's rule, by CSS. No node is added: positions stay as mapped.
 */
export const ArticleStructure = Extension.create({
  name: 'articleStructure',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading'],
        attributes: {
          listItem: {
            default: false,
            renderHTML: (attrs: Attrs) => (attrs.listItem ? { 'data-list-item': attrs.ordered ? 'ordered' : 'bullet' } : null),
          },
          ordered: { default: false, renderHTML: () => null },
          number: {
            default: null,
            renderHTML: (attrs: Attrs) => (attrs.listItem && attrs.ordered && typeof attrs.number === 'number' ? { 'data-number': `${attrs.number}.` } : null),
          },
          depth: {
            default: 0,
            renderHTML: (attrs: Attrs) => (typeof attrs.depth === 'number' && attrs.depth > 0 ? { 'data-depth': String(Math.min(attrs.depth, MAX_DRAWN_DEPTH)) } : null),
          },
          quote: {
            default: 0,
            renderHTML: (attrs: Attrs) => (typeof attrs.quote === 'number' && attrs.quote > 0 ? { 'data-quote': String(Math.min(attrs.quote, MAX_DRAWN_DEPTH)) } : null),
          },
        },
      },
    ];
  },
});
