import { describe, expect, it } from 'vitest';
import { tenthsAsPercent } from '../../src/knowledge/query-terms.ts';

describe('tenthsAsPercent', () => {
  it('writes tenths as the documents do', () => {
    expect(tenthsAsPercent('秸秆盖了三到六成算第几档')).toBe('秸秆盖了30%到60%算第几档');
    expect(tenthsAsPercent('盖了六成')).toBe('盖了60%');
    expect(tenthsAsPercent('一半免耕')).toBe('50%免耕');
    expect(tenthsAsPercent('完成任务形成制度')).toBe('完成任务形成制度');
  });
});
