import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { FakeOpenAiServer } from './fake-openai-server.ts';
import { useFakeOpenAiServer } from './use-fake-openai-server.ts';

/**
 * Registers hooks for whole-app tests against a fake model: a fresh fake OpenAI server and data folder per
 * test; the app started with `start(env)` is closed and the folder removed after the test.
 */
export function useAppWithFakeModel(knowledgeDir: string): { fake: FakeOpenAiServer; start(env: Record<string, string>): Promise<App>; app(): App } {
  const fake = useFakeOpenAiServer();
  let dataDir = '';
  let app: App | undefined;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gengbao-app-model-'));
  });
  afterEach(async () => {
    app?.close();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    fake,
    async start(env) {
      app = await createApp(loadConfig({ knowledge: knowledgeDir, data: dataDir }, env));
      return app;
    },
    app() {
      if (!app) throw new Error('useAppWithFakeModel: call start(env) first');
      return app;
    },
  };
}
