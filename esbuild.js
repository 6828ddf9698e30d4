// Bundles the extension and the CLI (after microsoft/vscode-extension-samples' esbuild sample).
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

const builds = [
  // Activation loads only this small file; dist/core.js (the rest) is required on the first command.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './core.js'] },
  { ...common, entryPoints: ['src/core.ts'], outfile: 'dist/core.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

(async () => {
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map(b => esbuild.build(b)));
  }
})().catch(e => { console.error(e); process.exit(1); });
