// The stdout line for one uploaded file, per --format; and the CLI's wording of the remedies for errors.
import { formatReference, staticUrl, wixUri } from '../upload/reference';
import { describeError, remedyFor, type Remedy } from '../wix/messages';
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

/** Each remedy in the CLI's words: flags and environment variables, never a setting or a palette command. */
export const CLI_REMEDIES: Record<Remedy, string> = {
  'set-api-key': 'To fix it, set WIX_API_KEY to a valid key with the "Manage Media Manager" permission.',
  'select-site': "Check WIX_SITE_ID (the GUID after /dashboard/ in the site's dashboard URL), and that the key in WIX_API_KEY has access to that site.",
  'raise-size-limit': 'To allow larger files, raise --max-size-mb or leave it out.',
};

/** An error's sentence for stderr, followed by the CLI's remedy when there is one. */
export function cliErrorText(err: unknown, label?: string, message?: string): string {
  const text = message ?? describeError(err, label);
  const remedy = remedyFor(err);
  return remedy ? `${text} ${CLI_REMEDIES[remedy]}` : text;
}
