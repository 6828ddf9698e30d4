// /__emulator/*: the control plane for tests and demos (no auth, loopback callers only).
import type { IncomingMessage } from 'node:http';
import { applicationError, ok, validationError, type HttpAnswer } from './errors';
import type { EmulatorState, Fault } from './types';

export interface Controls {
  inject(fault: Fault): void;
  clearFaults(): void;
  reset(): void;
  state(): EmulatorState & { faults: { fault: Fault; left: number }[] };
  seedFolder(displayPath: string, parentFolderId?: string): string;
}

export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

export function control(c: Controls, method: string, path: string, body: unknown): HttpAnswer {
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'POST /__emulator/faults': {
        const faults = Array.isArray(body) ? body : [body];
        for (const f of faults) c.inject(f as Fault);
        return ok({ injected: faults.length });
      }
      case 'DELETE /__emulator/faults':
        c.clearFaults();
        return ok({});
      case 'GET /__emulator/state':
        return ok(c.state());
      case 'POST /__emulator/reset':
        c.reset();
        return ok({});
      case 'POST /__emulator/folders': {
        const b = (body ?? {}) as { displayPath?: unknown; parentFolderId?: unknown };
        if (typeof b.displayPath !== 'string') {
          return validationError([{ field: 'displayPath', description: "must be a path such as '/docs/img'", violatedRule: 'REQUIRED_FIELD' }]);
        }
        const id = c.seedFolder(b.displayPath, typeof b.parentFolderId === 'string' ? b.parentFolderId : undefined);
        return ok({ folderId: id });
      }
      default:
        return applicationError(404, 'NOT_FOUND', `no control endpoint ${route}`);
    }
  } catch (e) {
    return validationError([{ field: 'body', description: (e as Error).message, violatedRule: 'FORMAT' }]);
  }
}
