import type { SqliteDatabase } from '../../database/database.ts';
import { exampleQuestionUnits, findStatedFigures } from '../../quantity/index.ts';
import type { DocumentMeta, KnowledgeBase } from '../types.ts';

/** What the index knows about one document, for `gengbao docs` and the reply to an uploaded file. */
export interface DocumentSummary {
  doc: string;
  title: string;
  docNumber?: string;
  issuer?: string;
  date?: string;
  region?: string;
  year?: string;
  program?: string;
  /** Distinct section paths and table rows indexed. */
  sections: number;
  tableRows: number;
  /** The printing this one duplicates (kept out of answers), and printings that duplicate this one. */
  duplicateOf?: string;
  duplicates: string[];
  /** Documents this one replaces, and the one replacing it, when the index records it. */
  supersedes: string[];
  supersededBy?: string;
  status: 'indexed' | 'duplicate' | 'superseded';
  indexedAt?: string;
}

type Row = { doc: string; meta: string; duplicateOf: string | null; indexedAt: string; sections: number; rows: number };

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' && value ? [value] : []);

/** Every indexed document with its metadata, sizes, duplicates and supersession, by file name. */
export function summarizeDocuments(db: SqliteDatabase): DocumentSummary[] {
  const rows = db
    .prepare(
      `SELECT d.doc, d.meta, d.duplicate_of AS duplicateOf, d.indexed_at AS indexedAt,
              (SELECT count(DISTINCT section) FROM kb_chunks c WHERE c.doc = d.doc) AS sections,
              (SELECT count(*) FROM kb_chunks c WHERE c.doc = d.doc AND c.kind = 'row') AS rows
       FROM kb_documents d ORDER BY d.doc`,
    )
    .all() as Row[];
  const duplicatedBy = new Map<string, string[]>();
  for (const row of rows) if (row.duplicateOf) duplicatedBy.set(row.duplicateOf, [...(duplicatedBy.get(row.duplicateOf) ?? []), row.doc]);
  return rows.map((row) => {
    const meta = JSON.parse(row.meta) as DocumentMeta & Record<string, unknown>;
    const year = (typeof meta.year === 'string' || typeof meta.year === 'number' ? String(meta.year) : undefined) ?? meta.date?.slice(0, 4) ?? meta.title.match(/(19|20)\d{2}(?=年)/)?.[0];
    const supersededBy = asList(meta.supersededBy)[0];
    return {
      doc: row.doc,
      title: meta.title,
      ...(meta.docNumber ? { docNumber: meta.docNumber } : {}),
      ...(meta.issuer ? { issuer: meta.issuer } : {}),
      ...(meta.date ? { date: meta.date } : {}),
      ...(meta.region ? { region: meta.region } : {}),
      ...(year ? { year } : {}),
      ...(meta.program ? { program: meta.program } : {}),
      sections: row.sections,
      tableRows: row.rows,
      ...(row.duplicateOf ? { duplicateOf: row.duplicateOf } : {}),
      duplicates: duplicatedBy.get(row.doc) ?? [],
      supersedes: asList(meta.supersedes),
      ...(supersededBy ? { supersededBy } : {}),
      status: row.duplicateOf ? 'duplicate' : supersededBy ? 'superseded' : 'indexed',
      indexedAt: row.indexedAt,
    };
  });
}

/** The words just before a stated figure: what it is (4–18 characters) and how it is bounded. */
const FIGURE_LABEL = /([\u4e00-\u9fa5（）()]{4,18}?)(不超过|不低于|不少于|达到|为|是)?\s*$/;

/** `…每亩补助不超过70元` → `每亩补助不超过多少元？`: the first figure in digits with a label before it. */
function figureQuestion(sentence: string): string | undefined {
  for (const figure of findStatedFigures(sentence, exampleQuestionUnits())) {
    const stated = !figure.chinese && sentence.slice(0, figure.index).match(FIGURE_LABEL);
    if (stated) return `${stated[1].replace(/^(其中|并|和|及|对|按|在)/, '')}${stated[2] ?? ''}多少${figure.unit === '%' ? '' : figure.unit}？`;
  }
  return undefined;
}

/**
 * A question the document itself answers, checked by asking it: a table row (`东河镇的任务面积是多少？`)
 * or a sentence stating a figure (`…每亩补助不超过多少？`).
 */
export function firstQuestion(db: SqliteDatabase, knowledge: KnowledgeBase, doc: string): string | undefined {
  const chunks = db.prepare('SELECT text, kind FROM kb_chunks WHERE doc = ? ORDER BY ord LIMIT 400').all(doc) as Array<{ text: string; kind: string }>;
  const candidates: string[] = [];
  for (const chunk of chunks) {
    if (chunk.kind === 'row') {
      const [label, first] = chunk.text.split(' · ');
      const column = first?.match(/^(.+?)\s+\S*\d/)?.[1];
      if (label && column && label.length <= 12) candidates.push(`${label}的${column}是多少？`);
    } else {
      for (const sentence of chunk.text.match(/[^。；！？\n]+/g) ?? []) {
        const question = figureQuestion(sentence);
        if (question) candidates.push(question);
      }
    }
    if (candidates.length >= 12) break;
  }
  for (const question of candidates) {
    const answer = knowledge.answer(question);
    if (answer.status === 'answered' && answer.citations[0]?.doc === doc) return question;
  }
  return undefined;
}
