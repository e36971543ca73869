// Worker entry: TypeScript sources run through tsx in this thread too, then the answering loop starts.
import { register } from 'tsx/esm/api';
register();
await import('./answer-worker.ts');
