import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvalCase } from './eval-runner.ts';

/** Deterministic PRNG (mulberry32) so that every bench run builds the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = '安宝北昌城丰福广海和河华吉嘉江金康兰乐里林龙隆明宁平清庆泉瑞山盛顺松泰通文西祥新兴阳永玉源云长正中庄'.split('');
const PROGRAMS = ['黑土地保护性耕作', '高标准农田建设', '耕地质量提升', '酸化耕地治理', '化肥减量增效', '撂荒地治理利用', '盐碱地综合改良', '秸秆综合利用', '耕地轮作休耕', '有机肥替代化肥'];
const SUBJECTS = ['农机合作社', '家庭农场', '种粮大户', '农业企业', '村集体经济组织', '专业合作社', '农户', '社会化服务组织'];
const ACTIONS = ['加强技术指导', '严格资金管理', '落实监管责任', '做好宣传培训', '开展效果监测', '建立工作台账', '强化绩效评价', '推进信息化监管', '规范验收程序', '加快资金拨付', '组织现场观摩', '完善档案资料'];
const MEASURES = ['秸秆覆盖还田', '免耕播种', '深松整地', '增施有机肥', '种植绿肥', '测土配方施肥', '施用土壤调理剂', '水肥一体化', '轮作倒茬', '石灰质物质改良'];

/** Writes `count` policy-like documents (structure, numbers, a task table) and returns questions with known answers. */
export function generateCorpus(folder: string, count: number, seed = 20260520): EvalCase[] {
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const name = (length: number) => Array.from({ length }, () => pick(SYLLABLES)).join('');
  const sentence = () => `${pick(SUBJECTS)}要${pick(ACTIONS)}，${pick(ACTIONS)}，推广${pick(MEASURES)}等措施，第${int(1, 9)}批任务须在${int(2, 12)}个月内完成${int(10, 99)}%以上。`;
  mkdirSync(folder, { recursive: true });
  const questions: EvalCase[] = [];
  for (let index = 0; index < count; index++) {
    const county = `${name(2)}${pick(['县', '市', '区'])}`;
    const year = int(2019, 2026);
    const program = pick(PROGRAMS);
    const area = (int(50, 900) / 10).toFixed(1);
    const tiers = [int(20, 45), int(46, 70), int(71, 120)];
    const month = int(3, 11);
    const day = int(1, 28);
    const towns = Array.from({ length: int(6, 14) }, () => ({ town: `${name(int(2, 3))}${pick(['镇', '乡'])}`, task: (int(50, 500) / 100).toFixed(2) }));
    const title = `${county}${year}年${program}项目实施方案`;
    const text = [
      `${county}农业农村局文件`,
      `${name(1)}农发〔${year}〕${int(1, 99)}号`,
      `关于印发${title}的通知`,
      `各乡镇人民政府：现将《${title}》印发给你们，请认真贯彻执行。`,
      title,
      '一、总体要求',
      `${sentence()}${sentence()}`,
      '二、目标任务',
      `全县计划实施${program}面积${area}万亩，建设县级示范基地${int(1, 5)}个。${sentence()}`,
      '三、扶持政策',
      `（一）补助对象。补助对象为实施${program}的${pick(SUBJECTS)}、${pick(SUBJECTS)}等经营主体。`,
      `（二）补助标准。第一档补助不高于${tiers[0]}元/亩，第二档不高于${tiers[1]}元/亩，第三档不高于${tiers[2]}元/亩。${sentence()}`,
      '四、实施进度',
      `（一）${year}年${month}月${day}日前，完成任务分解和合同签订。${sentence()}`,
      `（二）${year}年12月31日前，完成验收和资金兑付。`,
      '五、工作要求',
      `${sentence()}${sentence()}${sentence()}`,
      '附件1',
      `${county}${year}年${program}任务分配表`,
      ['序号\t乡镇\t任务面积(万亩)\t备注', ...towns.map((row, i) => `${i + 1}\t${row.town}\t${row.task}\t`)].join('\n'),
    ].join('\n\n');
    const file = `synthetic-${String(index).padStart(4, '0')}.txt`;
    writeFileSync(join(folder, file), text);
    if (index % 10 === 0) {
      const row = pick(towns);
      questions.push({ id: `s${index}-task`, q: `${county}${year}年${program}任务分配表中${row.town}的任务面积是多少？`, must: [row.task] });
      questions.push({ id: `s${index}-tier`, q: `${county}${year}年${program}第二档补助标准是多少？`, must: [`${tiers[1]}元`] });
    }
  }
  return questions;
}
