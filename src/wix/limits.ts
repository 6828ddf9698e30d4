// The numbers a client meets at Wix, in one place (no imports, so the thin activation bundle may use them too).
// Field limits: Wix's Generate File Upload URL and Generate File Resumable Upload URL pages (test/emulator/README.md).

/** Where the Media Manager REST API lives unless a setting, flag or variable says otherwise. */
export const DEFAULT_BASE_URL = 'https://www.wixapis.com';

export const MB = 1024 * 1024;

/** Above this a file goes by tus instead of one PUT (Wix advises the resumable upload above 10 MB; see client.ts). */
export const DEFAULT_RESUMABLE_THRESHOLD_MB = 10;

/** Lengths (in code points) and counts Wix accepts per field. */
export const LIMITS = {
  mimeType: 100,
  /** The stored REST page says 200, the SDK 1000 (truncated to 255): keep to the stricter one. */
  fileName: 200,
  filePath: 100,
  parentFolderId: 100,
  labels: 50,
  resumableLabels: 500,
  label: 200,
  externalOrigin: 1000,
  externalIds: 30,
  externalId: 4000,
} as const;
