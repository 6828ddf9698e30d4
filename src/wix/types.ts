// REST shapes of the Wix Media Manager, as Wix's Media Manager REST pages document them (see test/emulator/README.md).
// Field names match the wire exactly; sizes are decimal strings on the wire.

export type MediaType =
  | 'UNKNOWN' | 'IMAGE' | 'VIDEO' | 'AUDIO' | 'DOCUMENT' | 'VECTOR' | 'ARCHIVE' | 'MODEL3D' | 'OTHER';

export type OperationStatus = 'PENDING' | 'READY' | 'FAILED';

export interface ExternalInfo {
  origin?: string;
  externalIds?: string[];
}

export interface GenerateFileUploadUrlRequest {
  mimeType: string;
  fileName?: string;
  /** Decimal integer as a string. */
  sizeInBytes?: string;
  parentFolderId?: string;
  private?: boolean;
  labels?: string[];
  externalInfo?: ExternalInfo;
  filePath?: string;
}

export interface GenerateFileUploadUrlResponse {
  uploadUrl: string;
}

export interface GenerateFileResumableUploadUrlRequest extends Omit<GenerateFileUploadUrlRequest, 'externalInfo'> {
  uploadProtocol: 'TUS';
}

export interface GenerateFileResumableUploadUrlResponse {
  uploadProtocol: 'TUS';
  uploadUrl: string;
  uploadToken: string;
}

export interface WixImage {
  id: string;
  url: string;
  height: number;
  width: number;
  altText?: string | null;
  filename?: string | null;
  sizeInBytes?: string;
}

export interface VideoResolution { url: string; height: number; width: number; format: string }

export interface FileMedia {
  image?: { image: WixImage; faces?: unknown[]; previewImage?: WixImage; caption?: string };
  vector?: { image: WixImage };
  video?: { id: string; resolutions: VideoResolution[]; filename?: string; posters?: WixImage[]; url?: string; sizeInBytes?: string };
  audio?: { id: string; assets: { id: string; url: string; filename?: string }[]; bitrate?: number; format?: string; duration?: number; sizeInBytes?: string };
  document?: { id: string; url: string; filename?: string };
  archive?: { id: string; url: string; filename?: string; sizeInBytes?: string };
  model3d?: { id: string; url: string; filename?: string; sizeInBytes?: string };
}

export interface FileDescriptor {
  id: string;
  displayName: string;
  url: string;
  parentFolderId?: string;
  hash?: string;
  sizeInBytes: string;
  private: boolean;
  mediaType: MediaType;
  media?: FileMedia | null;
  operationStatus: OperationStatus;
  sourceUrl?: string | null;
  thumbnailUrl?: string | null;
  labels?: string[];
  createdDate?: string;
  updatedDate?: string;
  siteId?: string;
  state?: 'OK' | 'DELETED';
}

export interface Folder {
  id: string;
  displayName: string;
  parentFolderId: string;
  createdDate?: string;
  updatedDate?: string;
  state?: 'OK' | 'DELETED';
  siteId?: string;
}

export interface PagingCursor {
  cursors?: { next?: string };
  hasNext?: boolean;
  total?: number;
}

export interface ListFoldersResponse {
  folders: Folder[];
  nextCursor?: PagingCursor;
}

/** Wix error envelope (Wix's "About errors" page). */
export interface WixErrorEnvelope {
  message?: string;
  details?: {
    applicationError?: { code?: string; description?: string; data?: unknown };
    validationError?: {
      fieldViolations?: { field?: string; description?: string; violatedRule?: string; ruleName?: string; data?: unknown }[];
    };
  };
}

export const MEDIA_ROOT = 'media-root';
