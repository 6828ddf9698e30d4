// What the route handlers share: the emulator's state, without importing the server (no cycles).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaType } from '../../src/wix/types';
import type { FaultBook } from './faults';
import type { FolderStore } from './folders';
import type { MediaLibrary } from './library';
import type { TokenStore } from './tokens';
import type { EmulatorStats, RecordedRequest } from './types';

export interface Ctx {
  baseUrl: string;
  apiKey: string;
  siteId: string;
  tokens: TokenStore;
  folders: FolderStore;
  faults: FaultBook;
  library: MediaLibrary;
  stats: EmulatorStats;
  uploadUrlTtlMs: number;
  resumableTtlMs: number;
  descriptorHash: 'md5' | 'sha256';
  limitFor(mediaType: MediaType): number;
  quotaLeft(): number | undefined;
  /** Keeps a request open without answering until the client gives up or the emulator stops. */
  hold(req: IncomingMessage, res: ServerResponse): void;
}

/** A request as routed: the node objects plus its record. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: RecordedRequest;
}
