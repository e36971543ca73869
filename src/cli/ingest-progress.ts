import type { IngestProgress } from '../knowledge/types.ts';

/** Quiet for a short run; after a second, files done / total and the current file, at most twice a second. */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): (progress: IngestProgress) => void {
  let lastShown = 0;
  let shown = false;
  return (progress) => {
    const finished = progress.current === undefined;
    if (finished) {
      if (shown) stream.write(`${stream.isTTY ? '\r\x1b[K' : ''}已处理 ${progress.total} 个文件，用时 ${(progress.elapsedMs / 1000).toFixed(1)} 秒\n`);
      return;
    }
    if (progress.elapsedMs < 1000 || progress.elapsedMs - lastShown < 500) return;
    lastShown = progress.elapsedMs;
    shown = true;
    const line = `正在索引 ${progress.done}/${progress.total}：${progress.current}（已用 ${(progress.elapsedMs / 1000).toFixed(0)} 秒）`;
    stream.write(stream.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  };
}
