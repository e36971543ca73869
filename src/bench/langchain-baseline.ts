import { readdirSync } from 'node:fs';
import { extname } from 'node:path';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Answer } from '../core/types.ts';
import { PEER_EXTENSIONS, peerText } from './peer-loaders.ts';

/** A retrieval baseline built from LangChain's own parts: recursive splitter + BM25, answer = top chunk. */
export interface Baseline {
  chunks: number;
  answer(question: string): Promise<Answer>;
}

/**
 * Splits every .txt/.md document (and .docx/.pdf/.html, loaded as `peerText` says) with RecursiveCharacterTextSplitter and retrieves with BM25Retriever.
 * LangChain's BM25 splits the query on white space; pass `tokenize` (e.g. jieba) to give it Chinese words.
 */
export async function createLangchainBaseline(folder: string, tokenize?: (text: string) => string[]): Promise<Baseline> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 300, chunkOverlap: 50, separators: ['\n\n', '\n', '。', '；', '，', ''] });
  const documents: Document[] = [];
  for (const file of readdirSync(folder).filter((name) => PEER_EXTENSIONS.includes(extname(name).toLowerCase())).sort()) {
    const text = await peerText(folder, file);
    for (const piece of await splitter.splitText(text)) {
      // with a tokenizer, the stored text is the space-joined words so that BM25 counts words, not substrings
      documents.push(new Document({ pageContent: tokenize ? tokenize(piece).join(' ') : piece, metadata: { doc: file, original: piece } }));
    }
  }
  const retriever = BM25Retriever.fromDocuments(documents, { k: 1 });
  if (tokenize) Object.assign(retriever, { preprocessFunc: (text: string) => tokenize(text) });
  return {
    chunks: documents.length,
    async answer(question) {
      const [top] = await retriever.invoke(question);
      if (!top) return { status: 'no_answer', answer: '', citations: [] };
      const original = String(top.metadata.original);
      return { status: 'answered', answer: original, citations: [{ doc: String(top.metadata.doc), title: String(top.metadata.doc), section: '', quote: original.slice(0, 80) }] };
    },
  };
}
