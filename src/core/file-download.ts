/** A file was larger than the receiver allows; the download stopped there and nothing was kept. */
export class FileTooLargeError extends Error {
  constructor(
    readonly limit: number,
    /** The size, when it is known (declared by the platform or the request). */
    readonly size?: number,
  ) {
    super(`file larger than ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Reads a byte stream into memory, stopping (and throwing FileTooLargeError) once it passes `maxBytes`.
 * The stream is left open: the caller decides whether to destroy it (a download) or answer first (an upload).
 */
export async function readLimited(stream: NodeJS.ReadableStream, maxBytes = Infinity): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterable = 'iterator' in stream && typeof stream.iterator === 'function' ? (stream.iterator as (options: { destroyOnReturn: boolean }) => AsyncIterable<Buffer | string>)({ destroyOnReturn: false }) : stream;
  for await (const chunk of iterable) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw new FileTooLargeError(maxBytes);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
