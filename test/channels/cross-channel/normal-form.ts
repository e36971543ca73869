import type { Citation } from '../../../src/core/types.ts';

/**
 * What a person sees in one turn, independent of rendering: text lines (`T`), sources (`C`, as
 * 《title》文号 · section) and button labels (`B`), in order. Paragraph breaks, reply and message
 * boundaries, HTML escaping, card layout and quotes (cut at 300 characters on Telegram/Feishu) are
 * rendering and are dropped.
 */
export type NormalTurn = string[];

/** A turn as one channel showed it, plus how to press each of its buttons there. */
export interface ChannelTurn {
  items: NormalTurn;
  /** Button label → what the platform sends back when it is pressed (callback_data, card value, action, number). */
  presses: Map<string, unknown>;
}

// Record ids are random (src/records/record-id.ts): each channel's run files its own.
const normalText = (line: string) => line.trim().replace(/\bR[2-9A-HJKMNP-Z]{8}\b/g, 'R<id>');

/** The section without the document's own 《title》 prefix, as Telegram and Feishu print it. */
function shortSection(title: string, section: string): string {
  return section.replace(`《${title}》`, '').replace(/^\s*›\s*/, '').trim();
}

export function citationItem(citation: Pick<Citation, 'title' | 'docNumber' | 'section'>): string {
  const section = shortSection(citation.title, citation.section);
  return `C:${[`《${citation.title}》${citation.docNumber ?? ''}`, section].filter(Boolean).join(' · ')}`;
}

export const buttonItem = (label: string) => `B:${label}`;

/** Plain text lines as `T` items. */
export function textItems(text: string): string[] {
  return text
    .split('\n')
    .map(normalText)
    .filter(Boolean)
    .map((line) => `T:${line}`);
}

export interface RenderedReader {
  /** Lines of one message (or card text); sources may continue from the previous message. */
  lines(lines: string[]): void;
  button(label: string): void;
  items: string[];
}

/**
 * Reads rendered lines (Telegram, Feishu, console) back into items. A header line starts the sources;
 * each source is a head line plus its quote, which ends with 」 (and may run over several lines).
 */
export function renderedReader(options: { isSourcesHeader: (line: string) => boolean; parseHead: (line: string) => string | undefined }): RenderedReader {
  const items: string[] = [];
  let inSources = false;
  let inQuote = false;
  return {
    items,
    button: (label) => void items.push(buttonItem(label)),
    lines(lines) {
      for (const raw of lines) {
        const line = raw.trimEnd();
        if (inQuote) {
          inQuote = !line.endsWith('」');
          continue;
        }
        if (options.isSourcesHeader(line.trim())) {
          inSources = true;
          continue;
        }
        const head = inSources ? options.parseHead(line) : undefined;
        if (head !== undefined) {
          items.push(head);
          inQuote = !line.endsWith('」');
          continue;
        }
        inSources = false;
        items.push(...textItems(line));
      }
    },
  };
}

/** Telegram, Feishu and the console (the shared reply layout): `1. 《title》文号 · section「quote…` */
export function parseCompactCitation(line: string): string | undefined {
  const match = /^\d+\. (《.+?》[^「]*)「/.exec(line);
  return match ? `C:${match[1].trim()}` : undefined;
}

export function unescapeTelegramHtml(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
