// File ids, static URLs and FileDescriptors shaped like Wix's (§5, §9).
import { createHash, randomBytes } from 'node:crypto';
import type { FileDescriptor, FileMedia, MediaType, OperationStatus } from '../../src/wix/types';
import type { Dimensions } from './image-size';
import { extensionOf } from './media-types';

export const DOCUMENT_HOST = 'https://d945e594-8657-47e2-9cd9-e9033c3d8da0.usrfiles.com';

/** The 6-hex owner prefix of every file id, stable per site. */
export function ownerPrefix(siteId: string): string {
  return createHash('sha256').update(siteId).digest('hex').slice(0, 6);
}

export function makeFileId(siteId: string, mediaType: MediaType, name: string | undefined): string {
  const base = `${ownerPrefix(siteId)}_${randomBytes(16).toString('hex')}`;
  const ext = extensionOf(name);
  switch (mediaType) {
    case 'IMAGE': return `${base}~mv2.${ext === 'jpeg' ? 'jpg' : ext ?? 'jpg'}`;
    case 'VIDEO': return base;
    case 'AUDIO': return `${base}.mp3`;
    case 'VECTOR': return `${base}.svg`;
    default: return ext ? `${base}.${ext}` : base;
  }
}

export function fileUrl(id: string, mediaType: MediaType): string {
  switch (mediaType) {
    case 'IMAGE': return `https://static.wixstatic.com/media/${id}`;
    case 'VECTOR': return `https://static.wixstatic.com/shapes/${id}`;
    case 'VIDEO': return `https://video.wixstatic.com/video/${id}/file`;
    case 'AUDIO': return `https://music.wixstatic.com/mp3/${id}`;
    default: return `${DOCUMENT_HOST}/ugd/${id}`;
  }
}

export interface DescriptorInput {
  siteId: string;
  id: string;
  mediaType: MediaType;
  displayName: string;
  parentFolderId: string;
  hash: string;
  size: number;
  private: boolean;
  labels: string[];
  /** Known for images once processed. */
  dims?: Dimensions;
  status: OperationStatus;
}

function thumbnailOf(id: string, mediaType: MediaType, url: string): string {
  if (mediaType === 'IMAGE' || mediaType === 'VECTOR') return url;
  if (mediaType === 'VIDEO') return `https://static.wixstatic.com/media/${id}f000.jpg`;
  return `https://static.wixstatic.com/media/${mediaType.toLowerCase()}-icon.png`;
}

/** Media sub-object. Private files get '' media URLs; images report 0x0 until processed (READY). */
export function mediaOf(d: DescriptorInput, url: string): FileMedia {
  const mediaUrl = d.private ? '' : url;
  const size = String(d.size);
  const filename = d.displayName;
  switch (d.mediaType) {
    case 'IMAGE':
    case 'VECTOR': {
      const image = { id: d.id, url: mediaUrl, width: d.dims?.width ?? 0, height: d.dims?.height ?? 0, filename, sizeInBytes: size };
      return d.mediaType === 'IMAGE' ? { image: { image, faces: [] } } : { vector: { image } };
    }
    case 'VIDEO': {
      const posterId = `${d.id}f000.jpg`;
      return {
        video: {
          id: d.id, url: mediaUrl, filename, sizeInBytes: size, resolutions: [],
          posters: [{ id: posterId, url: d.private ? '' : `https://static.wixstatic.com/media/${posterId}`, width: 0, height: 0 }],
        },
      };
    }
    case 'AUDIO':
      return { audio: { id: d.id, assets: [{ id: d.id, url: mediaUrl, filename }], format: 'mp3', duration: 0, sizeInBytes: size } };
    case 'ARCHIVE': return { archive: { id: d.id, url: mediaUrl, filename, sizeInBytes: size } };
    case 'MODEL3D': return { model3d: { id: d.id, url: mediaUrl, filename, sizeInBytes: size } };
    default: return { document: { id: d.id, url: mediaUrl, filename } };
  }
}

export function makeDescriptor(d: DescriptorInput): FileDescriptor {
  const url = fileUrl(d.id, d.mediaType);
  const now = new Date().toISOString();
  return {
    id: d.id,
    displayName: d.displayName,
    url,
    parentFolderId: d.parentFolderId,
    hash: d.hash,
    sizeInBytes: String(d.size),
    private: d.private,
    mediaType: d.mediaType,
    media: mediaOf(d, url),
    operationStatus: d.status,
    sourceUrl: null,
    thumbnailUrl: thumbnailOf(d.id, d.mediaType, url),
    labels: [...d.labels],
    createdDate: now,
    updatedDate: now,
    siteId: d.siteId,
    state: 'OK',
  };
}
