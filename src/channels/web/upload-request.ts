import type { IncomingMessage as HttpRequest } from 'node:http';
import { FileTooLargeError, readLimited } from '../../core/file-download.ts';
import type { IncomingFile } from '../../core/types.ts';

export const FILE_NAME_HEADER = 'x-file-name';

export type UploadParse = { ok: true; file: IncomingFile; consumed: () => boolean } | { ok: false; status: number; error: string };

/**
 * A raw-body upload (POST /api/upload, the file's name URI-encoded in X-File-Name) as an IncomingFile whose
 * bytes are read from the request only when a skill asks for them — a refused file is never read in.
 */
export function parseUpload(request: HttpRequest, maxBytes: number): UploadParse {
  const limitText = `${Math.floor(maxBytes / 1024 / 1024)} MB`;
  const header = request.headers[FILE_NAME_HEADER];
  let fileName = '';
  try {
    fileName = typeof header === 'string' ? decodeURIComponent(header).trim() : '';
  } catch {
    fileName = '';
  }
  if (!fileName || fileName.length > 255 || /[\u0000-\u001f]/.test(fileName)) {
    return { ok: false, status: 400, error: '请在请求头 X-File-Name 里写明文件名（URL 编码），例如 X-File-Name: %E6%96%B9%E6%A1%88.pdf。' };
  }
  const declared = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
  if (declared !== undefined && declared > maxBytes) return { ok: false, status: 413, error: `文件太大（上限 ${limitText}），请拆分后再上传。` };
  if (declared === 0) return { ok: false, status: 400, error: '上传的文件是空的，请重新选择文件。' };
  let read = false;
  const contentType = request.headers['content-type'];
  const file: IncomingFile = {
    fileName,
    ...(contentType && contentType !== 'application/octet-stream' ? { mimeType: contentType } : {}),
    ...(declared !== undefined ? { size: declared } : {}),
    download: async (limit) => {
      read = true;
      const cap = Math.min(limit ?? maxBytes, maxBytes);
      try {
        return await readLimited(request, cap);
      } catch (error) {
        if (error instanceof FileTooLargeError) throw new FileTooLargeError(cap, declared);
        throw error;
      }
    },
  };
  return { ok: true, file, consumed: () => read };
}
