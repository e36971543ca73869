import type { Block } from './text-blocks.ts';

/** Why a run of blocks was judged not to belong to the document. */
export interface DroppedArticle {
  referenceDensity: number;
  headline: string;
  chars: number;
  similarity: number;
  domainDensity: number;
}

export interface ArticleFilterOptions {
  /** Content words of a text (segmented, no stop words). */
  words: (text: string) => string[];
  /** The domain vocabulary (knowledge/dictionary/domain-terms.txt). */
  domainTerms: string[];
}

type SegmentKind = 'main' | 'attachment' | 'article';

const ATTACHMENT_MARK = /^附件\s*[0-9一二三四五六七八九十]+(\s*[:：]?\s*\S{0,60})?$/;
const END_OF_DISPATCH = /^[（(][^（()）]{2,24}电[)）]$|^[（(]完[)）]$/;
const BYLINE = /^(本报讯|本报记者|新华社记者|记者)|^[^，。]{0,16}(记者|通讯员)[^，。]{0,16}$/;
/** A newspaper article shares few words with the policy it was printed next to. */
const MIN_SIMILARITY = 0.3;
const STRONG_SIMILARITY = 0.5;
/** Below this many domain terms per 100 characters the document is outside the dictionary's domain. */
const MIN_REFERENCE_DENSITY = 0.3;
const MIN_DOMAIN_SHARE = 0.25;

function textOf(block: Block): string {
  return block.kind === 'para' ? block.text : block.rows.map((row) => row.join(' ')).join('\n');
}

/**
 * Splits a document at article boundaries (end-of-dispatch lines, bylines, a new headline, 上接/下转
 * continuation marks) and drops the articles whose vocabulary is unrelated to the document's own
 * subject (the main text and its attachments): low word similarity and little domain vocabulary.
 */
export function dropUnrelatedArticles(blocks: Block[], options: ArticleFilterOptions): { kept: Block[]; dropped: DroppedArticle[] } {
  const kinds: SegmentKind[] = [];
  const starts = new Set<number>([0]);
  let kind: SegmentKind = 'main';
  let bodyChars = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const previous = blocks[i - 1];
    const text = block.kind === 'para' ? block.text : '';
    let start: SegmentKind | null = null;
    let at = i;
    if (block.kind === 'para' && ATTACHMENT_MARK.test(text) && !/^附件[:：]/.test(text)) start = 'attachment';
    else if (bodyChars > 200) {
      if (previous?.kind === 'para' && END_OF_DISPATCH.test(previous.text)) start = 'article';
      else if (block.kind === 'para' && block.continued) start = 'article';
      else if (block.kind === 'para' && block.headline && !(previous?.kind === 'para' && ATTACHMENT_MARK.test(previous.text))) start = 'article';
      else if (block.kind === 'para' && BYLINE.test(text)) {
        // the short headline lines just above a byline open the article
        while (at > 0 && i - at < 3 && !starts.has(at) && isShortLine(blocks[at - 1])) at--;
        start = 'article';
      }
    }
    if (start) {
      for (let k = at; k < i; k++) kinds[k] = start;
      for (const s of [...starts]) if (s > at) starts.delete(s);
      starts.add(at);
      kind = start;
      bodyChars = 0;
    }
    kinds[i] = kind;
    bodyChars += textOf(block).length;
  }

  const segments: Array<{ kind: SegmentKind; blocks: Block[] }> = [];
  blocks.forEach((block, i) => {
    if (starts.has(i) || !segments.length) segments.push({ kind: kinds[i], blocks: [block] });
    else segments[segments.length - 1].blocks.push(block);
  });

  const reference = segments.filter((segment) => segment.kind !== 'article').flatMap((segment) => segment.blocks.map(textOf)).join('\n');
  const referenceVector = termVector(options.words(reference));
  const referenceDensity = domainDensity(reference, options.domainTerms);
  const kept: Block[] = [];
  const dropped: DroppedArticle[] = [];
  for (const segment of segments) {
    if (segment.kind !== 'article') {
      kept.push(...segment.blocks);
      continue;
    }
    const text = segment.blocks.map(textOf).join('\n');
    const similarity = cosine(termVector(options.words(text)), referenceVector);
    const density = domainDensity(text, options.domainTerms);
    const related =
      referenceDensity >= MIN_REFERENCE_DENSITY
        ? density >= MIN_DOMAIN_SHARE * referenceDensity || similarity >= STRONG_SIMILARITY
        : similarity >= MIN_SIMILARITY;
    if (related) kept.push(...segment.blocks);
    else dropped.push({ referenceDensity: round(referenceDensity), headline: textOf(segment.blocks[0]).slice(0, 40), chars: text.length, similarity: round(similarity), domainDensity: round(density) });
  }
  return { kept, dropped };
}

function isShortLine(block: Block): boolean {
  return block.kind === 'para' && block.text.length <= 40 && !block.text.includes('。') && !END_OF_DISPATCH.test(block.text);
}

function termVector(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) if (word.length >= 2 && !/^\d/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, count] of counts) counts.set(word, 1 + Math.log(count));
  return counts;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [word, weight] of a) {
    normA += weight * weight;
    const other = b.get(word);
    if (other) dot += weight * other;
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/** Domain-term occurrences per 100 characters. */
function domainDensity(text: string, terms: string[]): number {
  if (!text.length) return 0;
  let hits = 0;
  for (const term of terms) {
    let from = text.indexOf(term);
    while (from >= 0) {
      hits++;
      from = text.indexOf(term, from + term.length);
    }
  }
  return (hits * 100) / text.length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
