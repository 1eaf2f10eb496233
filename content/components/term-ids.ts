/**
 * Ids for glossary tooltips: term-<glossary id>-<n>, counted per page, so a page that uses the
 * same term in several sections still gets unique ids (aria-describedby needs them), and the
 * same source builds the same HTML every time (no random ids).
 */
const countsByPage = new Map<string, Map<string, number>>();

export function nextTermTooltipId(pagePath: string, glossaryId: string): string {
  let counts = countsByPage.get(pagePath);
  if (counts === undefined) {
    counts = new Map();
    countsByPage.set(pagePath, counts);
  }
  const n = (counts.get(glossaryId) ?? 0) + 1;
  counts.set(glossaryId, n);
  return `term-${glossaryId}-${n}`;
}
