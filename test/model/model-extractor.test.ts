import { describe, expect, it } from 'vitest';
import { createModelExtractor, type ExtractionField } from '../../src/model/model-extractor.ts';
import { chatText, chatToolCalls, httpError } from '../support/fake-openai-server.ts';
import { useFakeOpenAiServer } from '../support/use-fake-openai-server.ts';
import { modelConfig, testRuntime } from './model-test-kit.ts';

const FIELDS: ExtractionField[] = [
  { key: 'periodArea', label: '本期治理面积', type: 'number', unit: '亩' },
  { key: 'limeTons', label: '石灰用量', type: 'number', unit: '吨' },
  { key: 'spent', label: '本期支出', type: 'number', unit: '元' },
  { key: 'technique', label: '治理技术', type: 'enum', values: ['施用石灰质物质', '种植绿肥'] },
];
const TEXT = '本期又治理了2.3万亩，用了石灰120吨，花了80万';

const fake = useFakeOpenAiServer();

function setup(extraEnv: Record<string, string> = {}) {
  const config = modelConfig(fake.baseURL, extraEnv);
  const kit = testRuntime(config);
  return { ...kit, extractor: createModelExtractor(config, { runtime: kit.runtime }) };
}

const reply = (values: Record<string, string | null>, confidence = 0.9) =>
  chatToolCalls([{ name: 'fill_form_fields', args: { values, confidence } }]);

describe('model extractor', () => {
  it('turns free text into raw field values through a forced function call', async () => {
    const { extractor, logs } = setup();
    fake.enqueueChat(reply({ periodArea: '2.3万亩', limeTons: '120吨', spent: '80万', technique: '施用石灰质物质' }));

    expect(await extractor.extractWithConfidence(FIELDS, TEXT)).toEqual({
      values: { periodArea: '2.3万亩', limeTons: '120吨', spent: '80万', technique: '施用石灰质物质' },
      confidence: 0.9,
    });
    const [request] = fake.chatRequests();
    const tool = request.body.tools[0].function;
    expect(tool.name).toBe('fill_form_fields');
    expect(Object.keys(tool.parameters.properties.values.properties)).toEqual(['periodArea', 'limeTons', 'spent', 'technique']);
    expect(tool.parameters.properties.values.properties.periodArea.description).toBe('本期治理面积（类型：number，单位：亩）');
    expect(request.body.tool_choice).toEqual({ type: 'function', function: { name: 'fill_form_fields' } });
    expect(request.body.messages[0].content).toContain('- limeTons：石灰用量（类型：number，单位：吨）');
    expect(request.body.messages[1].content).toBe(`<message>\n${TEXT}\n</message>`);
    expect(logs[0]).toMatchObject({ task: 'extract', prompt: 'extract-fields', promptVersion: 1, outcome: 'model' });
  });

  it('accepts a value the model normalised (23000亩) but drops values the text does not contain', async () => {
    const { extractor, logs } = setup();
    fake.enqueueChat(reply({ periodArea: '23000亩', limeTons: '120吨', spent: '100万', technique: '种植绿肥' }, 0.8));
    const result = await extractor.extractWithConfidence(FIELDS, '本期治理了2.3万亩，用了石灰120吨');
    expect(result?.values).toEqual({ periodArea: '23000亩', limeTons: '120吨', technique: '种植绿肥' });
    expect(result?.confidence).toBeCloseTo(0.6);
    expect(logs[0].problems).toEqual(['dropped spent: not in the text']);
  });

  it('drops words that are neither in the text nor allowed values', async () => {
    const { extractor } = setup();
    fake.enqueueChat(reply({ periodArea: '2.3万亩', technique: '深翻' }));
    expect(await extractor.extract(FIELDS, TEXT)).toEqual({ periodArea: '2.3万亩' });
  });

  it.each([
    ['broken JSON arguments', chatToolCalls([{ name: 'fill_form_fields', args: '{"values": {"periodArea": "2.3' }])],
    ['a plain-text reply instead of the function call', chatText('好的，面积是2.3万亩')],
    ['arguments that do not fit the schema', reply({ periodArea: '2.3万亩' }, 7)],
    ['nothing found', reply({ periodArea: null, limeTons: null, spent: null, technique: null })],
  ])('returns null on %s', async (_, response) => {
    const { extractor } = setup();
    fake.enqueueChat(response);
    expect(await extractor.extract(FIELDS, TEXT)).toBeNull();
  });

  it('returns null after a 500 and its retry', async () => {
    const { extractor, logs } = setup();
    fake.enqueueChat(httpError(500), httpError(502));
    expect(await extractor.extract(FIELDS, TEXT)).toBeNull();
    expect(logs[0]).toMatchObject({ reason: 'model_error', calls: 2, errors: ['server_error:500', 'server_error:502'] });
  });

  it('returns null when the model stalls past the deadline', async () => {
    const { extractor, logs } = setup({ GENGBAO_ANSWER_DEADLINE_MS: '150' });
    fake.enqueueChat({ kind: 'stall' });
    expect(await extractor.extract(FIELDS, TEXT)).toBeNull();
    expect(logs[0].reason).toBe('deadline');
  });

  it('does not call the model for empty input', async () => {
    const { extractor } = setup();
    expect(await extractor.extract(FIELDS, '  ')).toBeNull();
    expect(await extractor.extract([], TEXT)).toBeNull();
    expect(fake.requests).toEqual([]);
  });
});
