import { describe, expect, it } from 'vitest';
import { createHarness } from './form-harness.ts';

const VALID = {
  township: '三面船镇', village: '东营子村', operatorName: '丰收合作社', operatorType: '农机合作社', plot: '村东大块', area: '350亩',
  landBasis: '流转', materials: '流转合同', sowingMode: '免耕', strawCover: '65%', remoteMonitoring: '是',
};

describe('submitFormValues (whole card at once)', () => {
  it('reports missing, invalid and conditional fields still needed', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const user = await h.users.profile('test:wang');
    const result = await h.skill.submitFormValues('faku-2022-tillage-acceptance', { ...VALID, area: '很多', sowingMode: '少耕', village: '' }, { user, channel: 'feishu' });
    expect(result.ok).toBe(false);
    expect(result.invalid.map((item) => item.key)).toEqual(['area']);
    expect(result.missing.map((item) => item.key)).toEqual(['village']);
    expect(result.conditionalNeeded.map((item) => item.key)).toEqual(['disturbedShare', 'disturbanceDepth']);
  });

  it('runs the same checks and saves when asked, once', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const user = await h.users.profile('test:wang');
    const first = await h.skill.submitFormValues('faku-2022-tillage-acceptance', VALID, { user, channel: 'feishu', save: true, submissionKey: 'card-1' });
    expect(first.ok).toBe(true);
    expect(first.saved?.author.channel).toBe('feishu');
    // The card sent again: the duplicate check stops it, the record is saved once.
    const again = await h.skill.submitFormValues('faku-2022-tillage-acceptance', VALID, { user, channel: 'feishu', save: true, submissionKey: 'card-2' });
    expect(again.ok).toBe(false);
    expect(again.fails.map((verdict) => verdict.rule)).toContain('registration.no-duplicate');
    expect(await h.records.latest('faku-2022-tillage-acceptance')).toHaveLength(1);
  });

  it('does not save while warnings are not accepted', async () => {
    const h = createHarness();
    await h.bind('wang', 'reporter', '三面船镇');
    const user = await h.users.profile('test:wang');
    const result = await h.skill.submitFormValues('faku-2022-tillage-acceptance', { ...VALID, area: '3万亩' }, { user, channel: 'feishu', save: true });
    expect(result.unacceptedWarnings).toEqual(expect.arrayContaining(['plausible.area']));
    expect(result.saved).toBeUndefined();
    const accepted = await h.skill.submitFormValues('faku-2022-tillage-acceptance', { ...VALID, area: '3万亩' }, { user, channel: 'feishu', save: true, acceptedWarnings: result.unacceptedWarnings });
    expect(accepted.saved?.confirmedWarnings).toEqual(expect.arrayContaining(result.unacceptedWarnings));
  });

  it('refuses a farmer with the binding instructions', async () => {
    const h = createHarness();
    const result = await h.skill.submitFormValues('faku-2022-tillage-acceptance', VALID, { user: await h.users.profile('test:nobody'), channel: 'feishu' });
    expect(result.refusal).toContain('绑定 邀请码');
  });
});
