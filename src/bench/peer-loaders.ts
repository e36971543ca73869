import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DocxLoader } from '@langchain/community/document_loaders/fs/docx';
import { WebPDFLoader } from '@langchain/community/document_loaders/web/pdf';
import { parse } from 'node-html-parser';
import { getResolvedPDFJS } from 'unpdf';

/** The file types the LangChain peer reads, as a plain LangChain user would load them. */
export const PEER_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf', '.html', '.htm'];

/**
 * A document's text for the peer: text files as they are; Word through LangChain's DocxLoader (mammoth raw
 * text); PDF through LangChain's WebPDFLoader (pdf.js, the copy unpdf ships, as pdf-parse is not installed);
 * a web page as its body's text with scripts and styles left out (what cheerio's `$('body').text()` gives:
 * navigation and page furniture included). No traditional → simplified conversion.
 */
export async function peerText(folder: string, file: string): Promise<string> {
  const path = join(folder, file);
  switch (extname(file).toLowerCase()) {
    case '.docx':
      return (await new DocxLoader(path).load()).map((document) => document.pageContent).join('\n\n');
    case '.pdf': {
      const blob = new Blob([readFileSync(path)]);
      const pdfjs = async () => {
        const { getDocument, version } = await getResolvedPDFJS();
        return { getDocument, version };
      };
      const loader = new WebPDFLoader(blob, { splitPages: false, pdfjs: pdfjs as never });
      return (await loader.load()).map((document) => document.pageContent).join('\n\n');
    }
    case '.html':
    case '.htm': {
      const page = parse(readFileSync(path, 'utf8'), { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
      return (page.querySelector('body') ?? page).structuredText;
    }
    default:
      return readFileSync(path, 'utf8');
  }
}
