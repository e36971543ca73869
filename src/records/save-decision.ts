import type { RecordVersion, SaveRequest, SaveResult } from './types.ts';

/** Raised for programming errors at the record store (unknown record id, form mismatch), never for user input. */
export class RecordStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordStoreError';
  }
}

/**
 * What a save reads before it decides, each engine from its own SQL (and locks): the version an earlier save
 * with the request's submission key made, the latest version of the record being corrected, or the latest
 * record holding the request's form, unit and period.
 */
export type SaveLookup = 'submission' | 'record' | 'slot';

/** A save's outcome: a result without writing, or the version to append (no recordId: a new record, its id still to draw). */
export type SaveDecision = { result: SaveResult } | { append: { recordId?: string; version: number } };

/**
 * The rules of a save, the same for every engine: a repeated submission returns its first result; a
 * correction must name an existing record of the same form and start from its latest version, and may not
 * move onto a slot another record holds (one per slot); a new record started from nothing (baseVersion 0)
 * may not take a slot someone filed meanwhile. Yields what it needs to read; the engine answers.
 */
export function* decideSave(request: SaveRequest): Generator<SaveLookup, SaveDecision, RecordVersion | undefined> {
  const earlier = yield 'submission';
  if (earlier) return { result: { ok: true, record: earlier, duplicate: true } };
  if (!request.recordId) {
    if (request.baseVersion === 0) {
      const existing = yield 'slot';
      if (existing) return { result: { ok: false, reason: 'conflict', latest: existing } };
    }
    return { append: { version: 1 } };
  }
  const current = yield 'record';
  if (!current) throw new RecordStoreError(`Record ${request.recordId} does not exist`);
  if (current.formId !== request.formId) throw new RecordStoreError(`Record ${request.recordId} belongs to form ${current.formId}, not ${request.formId}`);
  if (request.baseVersion !== undefined && request.baseVersion !== current.version) return { result: { ok: false, reason: 'conflict', latest: current } };
  const moved = current.unit !== request.unit || (current.period ?? null) !== (request.period ?? null);
  if (moved && request.onePerSlot) {
    const holder = yield 'slot';
    if (holder && holder.recordId !== request.recordId) return { result: { ok: false, reason: 'slot-taken', latest: holder } };
  }
  return { append: { recordId: request.recordId, version: current.version + 1 } };
}

/** Decides with synchronous reads (SQLite, inside its transaction). */
export function decideSaveSync(request: SaveRequest, read: (lookup: SaveLookup) => RecordVersion | undefined): SaveDecision {
  const steps = decideSave(request);
  let step = steps.next();
  while (!step.done) step = steps.next(read(step.value));
  return step.value;
}

/** Decides with asynchronous reads (PostgreSQL, inside its transaction). */
export async function decideSaveAsync(request: SaveRequest, read: (lookup: SaveLookup) => Promise<RecordVersion | undefined>): Promise<SaveDecision> {
  const steps = decideSave(request);
  let step = steps.next();
  while (!step.done) step = steps.next(await read(step.value));
  return step.value;
}
