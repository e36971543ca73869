const SHINGLE = 8;
const HASHES = 64;
const BANDS = 16;
/** Estimated Jaccard similarity above which two documents are printings of the same text. */
export const DUPLICATE_SIMILARITY = 0.6;

function hash32(text: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** MinHash signature over character 8-grams of the text with white space and punctuation removed. */
export function minhashSignature(text: string): number[] {
  const plain = text.replace(/[\s\p{P}\p{S}]/gu, '');
  const signature = new Array<number>(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= plain.length; i++) {
    const base = hash32(plain.slice(i, i + SHINGLE), 0);
    for (let k = 0; k < HASHES; k++) {
      const value = (Math.imul(base ^ (k * 0x9e3779b1), 0x85ebca6b) ^ (k * 0xc2b2ae35)) >>> 0;
      if (value < signature[k]) signature[k] = value;
    }
  }
  return signature;
}

export function estimatedSimilarity(a: number[], b: number[]): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

export interface DuplicateCandidate {
  doc: string;
  signature: number[];
  /** Layout problems found in the text; the printing with fewer wins. */
  quality: number;
}

/**
 * Groups near-duplicate documents (LSH over MinHash bands, then estimated Jaccard) and, in each
 * group, keeps the printing with the fewest layout problems (ties: the file name that sorts first).
 */
export function findDuplicates(documents: DuplicateCandidate[]): Array<{ doc: string; duplicateOf: string }> {
  const buckets = new Map<string, number[]>();
  const rows = HASHES / BANDS;
  documents.forEach((document, index) => {
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${document.signature.slice(band * rows, band * rows + rows).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    }
  });
  const parent = documents.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const bucket of buckets.values()) {
    for (let i = 1; i < bucket.length; i++) {
      const a = bucket[0];
      const b = bucket[i];
      if (find(a) !== find(b) && estimatedSimilarity(documents[a].signature, documents[b].signature) >= DUPLICATE_SIMILARITY) parent[find(b)] = find(a);
    }
  }
  const groups = new Map<number, DuplicateCandidate[]>();
  documents.forEach((document, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), document]);
  });
  const result: Array<{ doc: string; duplicateOf: string }> = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [best, ...rest] = [...group].sort((a, b) => a.quality - b.quality || a.doc.localeCompare(b.doc));
    for (const other of rest) result.push({ doc: other.doc, duplicateOf: best.doc });
  }
  return result;
}
