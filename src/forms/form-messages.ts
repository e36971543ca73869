import type { Button, Citation, Reply } from '../core/types.ts';
import type { Verdict } from '../rules/types.ts';
import type { FieldDefinition, FormDefinition } from './form-schema.ts';
import { formatAmount, formatFieldValue } from './format-value.ts';
import { activeFields, computeFields } from './form-progress.ts';
import type { CheckOutcome, FormDraftState } from './types.ts';
import type { UnitDirectory } from '../units/types.ts';

export const button = (label: string, payload: string, skill = 'form'): Button => ({ label, action: `${skill}:${payload}` });

/** The question for one field, with its choices as buttons. */
export function questionReply(form: FormDefinition, field: FieldDefinition, state: FormDraftState, unitNames: string[], prefix = '', skill = 'form'): Reply {
  const fields = activeFields(form, state.values).filter((candidate) => candidate.ask);
  const press = (label: string, payload: string) => button(label, payload, skill);
  const position = fields.findIndex((candidate) => candidate.key === field.key) + 1;
  const buttons: Button[] = [];
  if (field.type === 'choice') {
    (field.options ?? []).forEach((option, index) => {
      const chosen = field.multiple && state.selection?.includes(option.value);
      buttons.push(press(`${chosen ? '✓ ' : ''}${option.label}`, `o:${index}`));
    });
    if (field.multiple) buttons.push(press('选好了', 'o:done'));
  } else if (field.type === 'yes-no') {
    buttons.push(press('是', 'o:y'), press('否', 'o:n'));
  } else if ((field.type === 'county' || field.type === 'township') && unitNames.length <= 24) {
    unitNames.forEach((name, index) => buttons.push(press(name, `u:${index}`)));
  }
  if (!field.required) buttons.push(press('跳过', 'skip'));
  if (state.answered.length) buttons.push(press('上一步', 'back'));
  const optional = field.required || field.question.includes('跳过') ? '' : '（选填，可回复「跳过」）';
  const example = field.example && field.type !== 'choice' && field.type !== 'yes-no' ? `\n例如：${field.example}` : '';
  const head = `${prefix}${prefix ? '\n\n' : ''}【${form.shortName} ${position}/${fields.length}】`;
  return { text: `${head}${field.question}${optional}${example}`, buttons };
}

function verdictLines(verdicts: Verdict[]): string {
  return verdicts.map((verdict, index) => `${index + 1}. ${verdict.message}\n   依据：${verdict.source}`).join('\n');
}

function citationsOf(verdicts: Verdict[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const verdict of verdicts) {
    if (!verdict.citation) continue;
    const key = `${verdict.citation.doc}|${verdict.citation.section}`;
    if (seen.has(key)) continue;
    seen.add(key);
    citations.push(verdict.citation);
  }
  return citations;
}

/** The lines 「县：宁化县」… of the fields the form lists in its summary. */
export function summaryLines(form: FormDefinition, state: Pick<FormDraftState, 'values'>, units: UnitDirectory): string[] {
  return summaryEntries(form, state, units).map((entry) => entry.line);
}

/** The summary's lines with the key each shows, in the order shown (「第二项」 counts these). */
export function summaryEntries(form: FormDefinition, state: Pick<FormDraftState, 'values'>, units: UnitDirectory): { key: string; line: string }[] {
  const computed = computeFields(form, state.values, units);
  const shown = new Set(activeFields(form, state.values).map((field) => field.key));
  const entries: { key: string; line: string }[] = [];
  for (const key of form.summary) {
    const field = form.fields.find((candidate) => candidate.key === key);
    if (field) {
      if (shown.has(key)) entries.push({ key, line: `${field.label}：${formatFieldValue(field, state.values[key])}` });
      continue;
    }
    const definition = form.computed.find((candidate) => candidate.key === key);
    if (definition && computed[key] !== undefined) {
      const value = definition.unit === '亩' || definition.unit === '元' ? formatAmount(computed[key], definition.unit) : `${computed[key]}${definition.unit ?? ''}`;
      entries.push({ key, line: `${definition.label}：${value}` });
    }
  }
  return entries;
}

/** The confirmation summary with every failing check and warning, and the buttons to go on. */
export function summaryReply(form: FormDefinition, state: FormDraftState, outcome: CheckOutcome, units: UnitDirectory, intro?: string): Reply {
  const heading = state.correcting ? `正在修改记录 ${state.correcting.recordId}（当前第${state.correcting.baseVersion}版）。` : '';
  const parts = [intro, heading, `请核对「${form.title}」：`, summaryLines(form, state, units).join('\n')].filter(Boolean) as string[];
  const buttons: Button[] = [];
  if (outcome.fails.length) {
    parts.push(`❌ 有 ${outcome.fails.length} 处不符合要求，需要更正后才能提交：\n${verdictLines(outcome.fails)}`);
  }
  if (outcome.warnings.length) {
    parts.push(`⚠️ 请核实以下 ${outcome.warnings.length} 项：\n${verdictLines(outcome.warnings)}`);
  }
  if (outcome.fails.length) {
    parts.push('请说要改的内容，例如「面积改成2.5万亩」，或点「修改」选择要改的项目。');
  } else {
    buttons.push(button('确认提交', `submit:${state.revision}`));
    parts.push(`内容无误请点「确认提交」；要改请直接说，例如「面积改成2.5万亩」。`);
  }
  buttons.push(button('修改', 'edit'), button('取消', 'cancel'));
  return { text: parts.join('\n\n'), buttons, citations: citationsOf([...outcome.fails, ...outcome.warnings]) };
}

/** Asked after 确认提交 when warnings remain: they must be accepted explicitly. */
export function warningsReply(state: FormDraftState, outcome: CheckOutcome): Reply {
  return {
    text: `提交前请确认以下 ${outcome.warnings.length} 项提醒（确认后会记录在案）：\n${verdictLines(outcome.warnings)}\n\n如果数字没错，请点「确认无误，仍然提交」或回复「确认」；要改请直接说，例如「面积改成2.5万亩」。`,
    buttons: [button('确认无误，仍然提交', `force:${state.revision}`), button('修改', 'edit'), button('取消', 'cancel')],
    citations: citationsOf(outcome.warnings),
  };
}

/** Which field to change: every active field as a button. */
export function editMenuReply(form: FormDefinition, state: FormDraftState, skill = 'form', back = '回到摘要'): Reply {
  const fields = activeFields(form, state.values).filter((field) => field.ask);
  const press = (label: string, payload: string) => button(label, payload, skill);
  return {
    text: '要改哪一项？点下面的项目，或直接说，例如「面积改成2.5万亩」。',
    buttons: [...fields.map((field) => press(field.label, `f:${field.key}`)), press(back, 'review')],
  };
}

/** After an approximate figure entered as said (「约1.3万亩」). */
export const APPROXIMATE_NOTE = '（您说的是约数，已按这个数填；有准确的数请直接更正）';

/** 「一万出头」「近八千亩」: a report needs the figure; the number said is offered as a button. */
export function openEndedQuestion(field: FieldDefinition, display: string): string {
  return `「${field.label}」报表要填确切的数，您说的只是个大概（${display}附近）。请告诉我准确是多少；如果就是 ${display}，请点「按 ${display} 填」或回「是」。已填写的内容都保留着。`;
}
