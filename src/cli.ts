// wix-media: the command-line face of the upload engine. See `wix-media --help`.
import { setFlagsFromString } from 'node:v8';
import { version } from '../package.json';
import { credentialsFrom, HELP, parseCli, rateLimitFrom, UsageError, type ParsedArgs } from './cli/args';
import { cliErrorText } from './cli/output';
import { runRewrite } from './cli/rewrite';
import { runUpload, type UploadIo } from './cli/upload';
import { WixMediaClient } from './wix/client';
import type { Logger } from './wix/log';
import { proxyFromEnv } from './wix/proxy';
import { redact, redactingLogger, registerSecret } from './wix/redact';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 } as const;

export interface CliIo extends UploadIo {
  env: NodeJS.ProcessEnv;
}

function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (m: string) => { io.stderr.write(`[${level}] ${m}\n`); };
  return redactingLogger({ trace: line('trace'), debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') });
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  let creds;
  let rateLimit;
  try {
    args = parseCli(argv);
    if (args.command === 'help') { io.stdout.write(HELP); return EXIT.OK; }
    if (args.command === 'version') { io.stdout.write(`${version}\n`); return EXIT.OK; }
    // A dry run reads local files only: it needs no key.
    if (args.command === 'rewrite' && args.dryRun) {
      const dry = await runRewrite(args, undefined, io);
      return dry.complete ? EXIT.OK : EXIT.FAILED;
    }
    creds = credentialsFrom(io.env);
    rateLimit = rateLimitFrom(io.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`wix-media: ${redact(e.message)}\n`);
    return EXIT.USAGE;
  }
  registerSecret(creds.apiKey);

  const logger = args.verbose ? stderrLogger(io) : undefined;
  let client: WixMediaClient;
  try {
    client = new WixMediaClient({
      apiKey: creds.apiKey, siteId: creds.siteId, baseUrl: creds.baseUrl, logger, userAgent: `wix-media-cli/${version}`,
      proxy: proxyFromEnv(io.env), // HTTPS_PROXY, HTTP_PROXY, NO_PROXY
      rateLimit,
    });
  } catch (e) {
    io.stderr.write(`wix-media: ${redact(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT.USAGE;
  }
  try {
    if (args.command === 'rewrite') {
      const rewrite = await runRewrite(args, client, { ...io, logger }, process.cwd(), creds.siteId);
      if (rewrite.interrupted) return EXIT.INTERRUPTED;
      return rewrite.complete ? EXIT.OK : EXIT.FAILED;
    }
    const outcome = await runUpload(args, client, { ...io, logger }, creds.siteId);
    if (outcome.interrupted) return EXIT.INTERRUPTED;
    return outcome.failed > 0 || outcome.cancelled > 0 ? EXIT.FAILED : EXIT.OK;
  } catch (e) {
    io.stderr.write(`wix-media: ${redact(cliErrorText(e))}\n`);
    return EXIT.FAILED;
  } finally {
    await client.close().catch(() => {});
  }
}

if (require.main === module) {
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 first compiles it with Liftoff, then re-compiles it
  // with TurboFan on background threads: ~0.4 s of CPU and ~35 MiB of RSS, and the process cannot exit until that
  // is done. A short-lived CLI gains nothing from the optimized code: keep the baseline one.
  setFlagsFromString('--liftoff-only');
  let signal: NodeJS.Signals | undefined;
  const onInterrupt = (cancel: () => void) => {
    const handler = (sig: NodeJS.Signals) => {
      // A second signal means: stop now, without waiting for cancellations to settle.
      if (signal) process.exit(sig === 'SIGTERM' ? 143 : EXIT.INTERRUPTED);
      signal = sig;
      cancel();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); };
  };
  // `wix-media upload … | head -1`: a closed stdout is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.OK);
    throw e;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, onInterrupt })
    .then(code => { process.exitCode = code === EXIT.INTERRUPTED && signal === 'SIGTERM' ? 143 : code; })
    .catch(e => {
      process.stderr.write(`wix-media: ${redact(cliErrorText(e))}\n`);
      process.exitCode = EXIT.FAILED;
    });
}
