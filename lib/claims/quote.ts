// A claim's quote as the panel shows it: a claim that spans paragraphs shows
// each of its paragraphs, not one run-on line. Paragraphs are separated as in
// lib/anchoring/document.ts (two or more newlines); single newlines stay line breaks.

export function quoteParagraphs(exact: string): string[] {
  return exact
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.length > 0);
}
