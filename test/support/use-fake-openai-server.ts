import { afterEach, beforeEach } from 'vitest';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server.ts';

/**
 * Registers hooks that start a fresh fake OpenAI server before each test and close it after; the returned
 * object always speaks to the current test's server.
 */
export function useFakeOpenAiServer(): FakeOpenAiServer {
  let current: FakeOpenAiServer | undefined;
  beforeEach(async () => {
    current = await startFakeOpenAiServer();
  });
  afterEach(async () => {
    await current?.close();
  });
  const server = () => {
    if (!current) throw new Error('useFakeOpenAiServer: the fake server only runs inside a test');
    return current;
  };
  return {
    get baseURL() {
      return server().baseURL;
    },
    get requests() {
      return server().requests;
    },
    chatRequests: () => server().chatRequests(),
    enqueueChat: (...responses) => server().enqueueChat(...responses),
    setEmbeddingResponder: (responder) => server().setEmbeddingResponder(responder),
    close: () => server().close(),
  };
}
