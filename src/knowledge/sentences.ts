// Sentence and clause boundaries are plain text layout, shared with the reply layout: see src/text/sentences.ts.
export { clausesOf, sentencesOf, shortenQuote } from '../text/sentences.ts';
