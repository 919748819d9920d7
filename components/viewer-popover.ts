// Placement shared by the viewer's floating elements (tooltip, chooser,
// selection toolbar): they live inside the article's positioned container, so
// they scroll with the text, but must stay inside the viewport horizontally
// (a 390 px phone) and flip above or below their anchor when out of room.

export interface Anchor {
  /** Viewport coordinates of what the element points at. */
  left: number;
  top: number;
  bottom: number;
}

const MARGIN = 8;

/**
 * Positions `el` (absolutely, in `container`'s coordinates) next to `anchor`:
 * below it, or above when `prefer` says so, flipping when the viewport has no
 * room on that side; horizontally at the anchor's left edge, kept on screen.
 */
export function placeNear(el: HTMLElement, container: HTMLElement, anchor: Anchor, prefer: 'above' | 'below', gap = 8): void {
  const base = container.getBoundingClientRect();
  const width = el.offsetWidth;
  const height = el.offsetHeight;
  const viewportWidth = document.documentElement.clientWidth;
  const viewportHeight = window.innerHeight;
  let left = Math.min(anchor.left, viewportWidth - MARGIN - width);
  left = Math.max(MARGIN, left);
  const roomAbove = anchor.top - gap - height >= MARGIN;
  const roomBelow = anchor.bottom + gap + height <= viewportHeight - MARGIN;
  const above = prefer === 'above' ? roomAbove || !roomBelow : !roomBelow && roomAbove;
  const top = above ? anchor.top - gap - height : anchor.bottom + gap;
  el.style.left = `${Math.round(left - base.left)}px`;
  el.style.top = `${Math.round(top - base.top)}px`;
}
