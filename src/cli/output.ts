// The stdout line for one uploaded file, per --format.
import { formatReference, staticUrl, wixUri } from '../upload/reference';
import type { FileDescriptor } from '../wix/types';
import type { Format } from './args';

export interface OutputLine {
  text: string;
  /** A note for stderr, e.g. why a wix: URI could not be given. */
  warning?: string;
}

export function outputLine(d: FileDescriptor, format: Format, file: string, readyTimedOut = false, reused = false): OutputLine {
  switch (format) {
    case 'url':
      return { text: staticUrl(d) };
    case 'markdown':
    case 'html':
      return { text: formatReference(d, { languageId: format }) };
    case 'wix': {
      const uri = wixUri(d);
      if (uri) return { text: uri };
      const why = readyTimedOut || d.operationStatus === 'PENDING'
        ? 'Wix was still processing it'
        : `Wix gives no wix: URI for ${d.mediaType.toLowerCase()} files`;
      return { text: staticUrl(d), warning: `"${file}": ${why}, so its static URL was printed instead.` };
    }
    case 'json':
      return {
        text: JSON.stringify({
          file,
          id: d.id,
          name: d.displayName,
          url: staticUrl(d),
          wixUri: wixUri(d) ?? null,
          mediaType: d.mediaType,
          sizeInBytes: d.sizeInBytes,
          operationStatus: d.operationStatus,
          reused,
        }),
      };
  }
}
