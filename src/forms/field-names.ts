import type { FieldDefinition } from './form-schema.ts';

/** The field's own names (its label and synonyms), longest first, so a longer name is taken before a name inside it. */
export function fieldNames(field: FieldDefinition): string[] {
  return [field.label, ...field.synonyms].sort((a, b) => b.length - a.length);
}

/** The text with the field's own names taken out (「没装终端」 → 「没装」, 「验收了一半」 → 「了一半」). */
export function withoutFieldNames(field: FieldDefinition, text: string): string {
  return fieldNames(field).reduce((rest, word) => rest.replace(word, ''), text);
}
