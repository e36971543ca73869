import { z } from 'zod';
import type { Config } from '../config.ts';
import { callWithRetry } from './call-with-retry.ts';
import { noUsage } from './chat-client.ts';
import { asData } from './grounded-messages.ts';
import { ModelCallError } from './model-call-error.ts';
import { createModelRuntime, type ModelRuntime } from './model-runtime.ts';
import { findNumberMentions, isBackedBy } from '../quantity/index.ts';
import { fillPrompt, loadPrompt } from './prompt-library.ts';
import type { ModelTurnLog } from './turn-log.ts';
import type { RuleSetField } from '../rules/types.ts';

/** A form or eligibility field the free text may fill; an enum field's values are allowed, others must appear in the text. */
export type ExtractionField = Pick<RuleSetField, 'key' | 'label' | 'type' | 'unit' | 'description' | 'values'>;

export interface FieldExtraction {
  /** field key → the value as the user wrote it (「2.3万亩」), for the caller's own parser and validation. */
  values: Record<string, string>;
  /** 0..1: the model's own confidence, lowered when values had to be dropped. */
  confidence: number;
}

/**
 * Free text → raw field values, for the user to confirm before anything is saved. The model never
 * writes a record; every value still goes through the form's validation. null means: use the
 * offline parser (no model, failure, timeout, nothing found).
 */
export interface ModelExtractor {
  extract(fields: ExtractionField[], text: string): Promise<Record<string, string> | null>;
  extractWithConfidence(fields: ExtractionField[], text: string): Promise<FieldExtraction | null>;
}

function describeField(field: ExtractionField): string {
  const unit = field.unit ? `，单位：${field.unit}` : '';
  const allowed = field.values?.length ? `，可选值：${field.values.join('、')}` : '';
  const description = field.description ? `。${field.description}` : '';
  return `${field.label}（类型：${field.type}${unit}${allowed}）${description}`;
}

export function extractionSchema(fields: ExtractionField[]) {
  return z.object({
    values: z.object(Object.fromEntries(fields.map((field) => [field.key, z.string().nullish().describe(describeField(field))]))),
    confidence: z.number().min(0).max(1),
  });
}

const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** A value is kept only if the text backs it: its numbers occur in the text, or the words do (or it is an allowed enum value). */
export function isBackedByText(value: string, field: ExtractionField, text: string): boolean {
  const numbers = findNumberMentions(value);
  if (numbers.length) {
    const inText = findNumberMentions(text);
    return numbers.every((mention) => isBackedBy(mention, inText));
  }
  return squash(text).includes(squash(value)) || (field.values ?? []).includes(value.trim());
}

export function createModelExtractor(config: Config, options: { runtime?: ModelRuntime } = {}): ModelExtractor {
  const runtime = options.runtime ?? createModelRuntime(config);
  const { chat, breaker, settings } = runtime;
  const prompt = loadPrompt('extract-fields');

  async function extractWithConfidence(fields: ExtractionField[], text: string): Promise<FieldExtraction | null> {
    if (!fields.length || !text.trim()) return null;
    const started = runtime.now();
    const turn: ModelTurnLog = {
      event: 'model_turn', task: 'extract', model: chat.model, prompt: prompt.name, promptVersion: prompt.version,
      outcome: 'fallback', latencyMs: 0, calls: 0, tokens: noUsage, errors: [],
    };
    const done = <T>(result: T, reason?: ModelTurnLog['reason']): T => {
      turn.latencyMs = runtime.now() - started;
      if (reason) turn.reason = reason;
      else turn.outcome = 'model';
      runtime.log(turn);
      return result;
    };
    if (!breaker.allow()) return done(null, 'circuit_open');

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.answerDeadlineMs);
    const messages = [
      { role: 'system' as const, content: fillPrompt(prompt, { fields: fields.map((field) => `- ${field.key}：${asData(describeField(field))}`).join('\n') }) },
      { role: 'user' as const, content: `<message>\n${asData(text)}\n</message>` },
    ];
    try {
      const result = await callWithRetry(
        `${chat.model} extract`,
        () => {
          turn.calls += 1;
          return chat.extract(extractionSchema(fields), 'fill_form_fields', messages, { signal: controller.signal });
        },
        {
          policy: runtime.retryPolicy, sleep: runtime.sleep, signal: controller.signal,
          remainingMs: () => settings.answerDeadlineMs - (runtime.now() - started),
          onFailure: (error) => turn.errors!.push(error.status ? `${error.kind}:${error.status}` : error.kind),
        },
      );
      breaker.recordSuccess();
      turn.tokens = result.usage;
      if (!result.value) return done(null, 'invalid_output');
      const values: Record<string, string> = {};
      const dropped: string[] = [];
      for (const field of fields) {
        const value = result.value.values[field.key]?.trim();
        if (!value) continue;
        if (isBackedByText(value, field, text)) values[field.key] = value;
        else dropped.push(field.key);
      }
      if (dropped.length) turn.problems = dropped.map((key) => `dropped ${key}: not in the text`);
      const kept = Object.keys(values).length;
      if (!kept) return done(null, 'invalid_output');
      return done({ values, confidence: result.value.confidence * (kept / (kept + dropped.length)) });
    } catch (error) {
      if (error instanceof ModelCallError) breaker.recordFailure();
      else turn.errors!.push(error instanceof Error ? error.name : 'unknown');
      return done(null, controller.signal.aborted ? 'deadline' : 'model_error');
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    extractWithConfidence,
    extract: async (fields, text) => (await extractWithConfidence(fields, text))?.values ?? null,
  };
}
