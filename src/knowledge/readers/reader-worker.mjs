// Worker entry: TypeScript sources run through tsx in this thread too, then the reader loop starts.
import { register } from 'tsx/esm/api';
register();
await import('./reader-worker.ts');
