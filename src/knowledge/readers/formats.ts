import { viaLibreOffice } from './convert-office.ts';
import { readDocx } from './read-docx.ts';
import { readHtml } from './read-html.ts';
import { readImage } from './read-image.ts';
import { readPdf } from './read-pdf.ts';
import { readCsv, readXlsx } from './read-sheet.ts';
import type { Reader } from './types.ts';

/** Readers by file extension (lower case, with the dot). Text files (.txt/.md) are read in-process by the text path. */
export const READERS: Record<string, Reader> = {
  '.pdf': readPdf,
  '.docx': readDocx,
  '.xlsx': readXlsx,
  '.xlsm': readXlsx,
  '.csv': readCsv,
  '.html': readHtml,
  '.htm': readHtml,
  '.shtml': readHtml,
  '.png': readImage,
  '.jpg': readImage,
  '.jpeg': readImage,
  '.tif': readImage,
  '.tiff': readImage,
  '.bmp': readImage,
  '.doc': viaLibreOffice('.doc', 'docx', readDocx),
  '.wps': viaLibreOffice('.wps', 'docx', readDocx),
  '.rtf': viaLibreOffice('.rtf', 'docx', readDocx),
  '.odt': viaLibreOffice('.odt', 'docx', readDocx),
  '.xls': viaLibreOffice('.xls', 'xlsx', readXlsx),
  '.et': viaLibreOffice('.et', 'xlsx', readXlsx),
  '.ods': viaLibreOffice('.ods', 'xlsx', readXlsx),
};

export const READER_EXTENSIONS = Object.keys(READERS);
