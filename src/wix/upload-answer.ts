// The upload host's answer to a finished upload (the PUT's, or tus's finalize): `{ file: FileDescriptor }`
// (Wix: Upload API, Resumable Upload API; test/emulator/README.md).
import { parseJson, type SendResult } from './http';
import { wixError } from './messages';
import type { FileDescriptor } from './types';

/** The descriptor in a 2xx answer, or an INVALID_RESPONSE error naming the file and which answer lacked it. */
export function descriptorOfAnswer(res: SendResult, fileName: string, answer: 'upload' | 'finalize'): FileDescriptor {
  const { file } = parseJson<{ file?: FileDescriptor }>(res, fileName);
  if (!file?.id) {
    throw wixError({ kind: 'http', code: 'INVALID_RESPONSE', status: res.status, fileName, detail: `the ${answer} answer had no file descriptor` });
  }
  return file;
}
