// Upload Again (Ignore Previous Uploads): the Upload command, with content-hash reuse skipped for these files.
import type { Services } from '../services';
import type { UploadResult } from '../upload-flow';
import { upload } from './upload';

export function uploadAgain(s: Services, args: readonly unknown[]): Promise<UploadResult> {
  return upload(s, args, { force: true });
}
