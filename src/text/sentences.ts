/**
 * Sentence and clause boundaries of normalised text (see normalize-text.ts: web reprints' `.` `,` `;`
 * are already Chinese marks there). A mark inside brackets, 《》 or quotation marks does not end
 * anything, and closing marks stay with the sentence they close (`…用好养好。”`).
 */

const SENTENCE_END = new Set(['。', '！', '？', '；']);
const CLAUSE_END = new Set(['。', '！', '？', '；', '，', '：']);
const OPENERS: Record<string, string> = { '（': '）', '(': ')', '《': '》', '“': '”', '「': '」', '『': '』', '【': '】', '〔': '〕' };
const CLOSERS = new Set(Object.values(OPENERS));
/** Closing marks that belong to the sentence just ended. */
const TRAILING = /^[”’」』）)》】]+/;

function split(text: string, ends: Set<string>): string[] {
  const pieces: string[] = [];
  const open: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      if (text.slice(start, i).trim()) pieces.push(text.slice(start, i));
      start = i + 1;
      open.length = 0;
      continue;
    }
    if (OPENERS[char] && !(char === '“' && open[open.length - 1] === '“')) {
      open.push(char);
      continue;
    }
    if (CLOSERS.has(char)) {
      const at = open.lastIndexOf(Object.keys(OPENERS).find((key) => OPENERS[key] === char) ?? '');
      if (at >= 0) open.length = at;
      continue;
    }
    // an unclosed bracket longer than a sentence is a typo, not a quotation: stop honouring it
    if (open.length && i - start > 200) open.length = 0;
    if (!ends.has(char) || open.length) continue;
    let end = i + 1;
    while (end < text.length && ends.has(text[end])) end++;
    const trailing = text.slice(end).match(TRAILING);
    if (trailing) end += trailing[0].length;
    pieces.push(text.slice(start, end));
    start = end;
    i = end - 1;
  }
  if (text.slice(start).trim()) pieces.push(text.slice(start));
  return pieces.map((piece) => piece.trim()).filter(Boolean);
}

/** The sentences of a passage (ends: 。！？； outside brackets and quotations; a line end also ends one). */
export function sentencesOf(text: string): string[] {
  return split(text, SENTENCE_END);
}

/** The clauses of a sentence (ends: ，：and the sentence ends, outside brackets and quotations). */
export function clausesOf(text: string): string[] {
  return split(text, CLAUSE_END);
}

/**
 * A quote cut to at most `limit` characters at a sentence end, else at a clause end, marked with `…`;
 * never inside a word or a number. Text within the limit is returned as it is.
 */
export function shortenQuote(quote: string, limit: number): string {
  if (quote.length <= limit) return quote;
  const room = limit - 1;
  const fit = (pieces: string[]) => {
    let out = '';
    for (const piece of pieces) {
      if (out.length + piece.length > room) break;
      out += piece;
    }
    return out;
  };
  const sentences = fit(sentencesOf(quote.replace(/\n/g, ' ')));
  if (sentences) return `${sentences}…`;
  const clauses = fit(clausesOf(quote.replace(/\n/g, ' ')));
  if (clauses) return `${clauses.replace(/[，：]$/, '')}…`;
  // one clause longer than the limit: cut before a run of digits or Latin letters, not inside it
  const word = /[\p{N}\p{Script=Latin}.%]/u;
  let cut = room;
  while (cut > 0 && word.test(quote[cut]) && word.test(quote[cut - 1])) cut--;
  return `${quote.slice(0, cut || room)}…`;
}
