/** Errors raised for a missing or invalid file under the knowledge folder; each sets its own name. */
const KNOWLEDGE_DATA_ERRORS = new Set(['RuleSetLoadError', 'FormLoadError', 'EligibilityScriptError', 'UnitDataError', 'UnitsOfMeasureError']);

/**
 * A rule set, form, eligibility check or units file is missing or invalid: its message names the file and
 * what to fix, so the CLI prints it instead of a stack. Matched by name, so the CLI's start loads none of
 * those modules.
 */
export function isKnowledgeDataError(error: unknown): error is Error {
  return error instanceof Error && KNOWLEDGE_DATA_ERRORS.has(error.name);
}
