// `npm run emulator`: a long-running emulator for demos and manual runs. Prints the three settings a client needs.
import type { MediaType } from '../../src/wix/types';
import { parseRateLimit, type RateLimit } from './rate-limit';
import { WixEmulator } from './server';

/** Fixed demo credentials, so a demo workspace can be configured once. They unlock nothing but this emulator. */
export const DEMO_API_KEY = 'IST.emulator-demo-key-not-a-secret';
export const DEMO_SITE_ID = '1b2c3d4e-0000-4a4a-9b9b-123456789abc';
export const DEMO_ACCOUNT_ID = '9a8b7c6d-0000-4b4b-8c8c-fedcba987654';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

function num(name: string, env?: string): number | undefined {
  const raw = arg(name) ?? (env ? process.env[env] : undefined);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative number, got ${raw}\n`);
    process.exit(2);
  }
  return n;
}

/** --limits IMAGE=26214400,VIDEO=1000 */
function limits(): Partial<Record<MediaType, number>> | undefined {
  const raw = arg('limits');
  if (!raw) return undefined;
  const out: Partial<Record<MediaType, number>> = {};
  for (const pair of raw.split(',')) {
    const [type, value] = pair.split('=');
    const n = Number(value);
    if (!/^[A-Z0-9]+$/.test(type) || !Number.isFinite(n) || n < 0) {
      process.stderr.write(`--limits wants TYPE=bytes pairs such as IMAGE=26214400,VIDEO=524288000; got ${pair}\n`);
      process.exit(2);
    }
    out[type as MediaType] = n;
  }
  return out;
}

/** --rate-limit CALLS/WINDOW_MS (README "Rate-limit mode"). */
function rateLimit(): RateLimit | undefined {
  const raw = arg('rate-limit');
  if (raw === undefined) return undefined;
  try {
    return parseRateLimit(raw);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'Usage: npm run emulator -- [--port 8787] [--ready-delay-ms 300] [--max-file-bytes N] [--quota-bytes N]\n' +
      '                           [--limits IMAGE=bytes,VIDEO=bytes,...] [--token-prefix P] [--hash md5|sha256] [--quiet]\n' +
      '                           [--upload-base-url http://127.0.0.1:PORT]  (upload URLs point there, e.g. a proxy)\n' +
      '                           [--rate-limit CALLS/WINDOW_MS]\n' +
      'Env: PORT, WIX_EMULATOR_API_KEY, WIX_EMULATOR_SITE_ID, WIX_EMULATOR_ACCOUNT_ID\n');
    return;
  }
  const quiet = process.argv.includes('--quiet');
  const hash = arg('hash');
  const emu = await WixEmulator.start({
    port: num('port', 'PORT') ?? 8787,
    apiKey: process.env.WIX_EMULATOR_API_KEY || DEMO_API_KEY,
    siteId: process.env.WIX_EMULATOR_SITE_ID || DEMO_SITE_ID,
    accountId: process.env.WIX_EMULATOR_ACCOUNT_ID || DEMO_ACCOUNT_ID,
    rateLimit: rateLimit(),
    readyDelayMs: num('ready-delay-ms'),
    maxFileBytes: num('max-file-bytes'),
    maxBytesByType: limits(),
    quotaBytes: num('quota-bytes'),
    tokenPrefix: arg('token-prefix'),
    uploadBaseUrl: arg('upload-base-url'),
    descriptorHash: hash === 'sha256' ? 'sha256' : 'md5',
    log: quiet ? undefined : (line) => process.stderr.write(`[wix-emulator] ${line}\n`),
  });
  process.stdout.write(`WIX_API_BASE_URL=${emu.baseUrl}\nWIX_API_KEY=${emu.apiKey}\nWIX_SITE_ID=${emu.siteId}\nWIX_ACCOUNT_ID=${emu.accountId}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[wix-emulator] ${signal}: stopping\n`);
    emu.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[wix-emulator] could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
