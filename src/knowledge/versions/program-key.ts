/**
 * What programme a document is about, as the domain terms its title names (knowledge/dictionary/domain-terms.txt),
 * longest first, without terms inside a longer one found there (`黑土地保护性耕作` → 保护性耕作, 黑土地).
 */
export function programTerms(title: string, domainTerms: string[]): string[] {
  const plain = title.replace(/《[^》]*》/g, (inner) => inner).replace(/\s+/g, '');
  const found = [...new Set(domainTerms.filter((term) => term.length >= 2 && plain.includes(term)))].sort((a, b) => b.length - a.length);
  return found.filter((term, i) => !found.slice(0, i).some((longer) => longer.includes(term)));
}

/** Two documents are about the same programme when the longest term of one is among the other's terms. */
export function sameProgram(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  return b.includes(a[0]) || a.includes(b[0]);
}
