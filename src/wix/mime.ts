// MIME type from a file name, the way generate-upload-url wants it.
import { lookup } from 'mime-types';

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** mime-types lookup by extension; application/octet-stream when unknown (Wix then sniffs the bytes). */
export function mimeTypeFor(fileName: string): string {
  return lookup(fileName) || DEFAULT_MIME_TYPE;
}
