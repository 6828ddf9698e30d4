'use strict';
// Sample workspaces for the e2e runs and the demo: real PNGs (built with zlib, so they decode and
// carry real width/height), a README.md, an index.html and a styles.css.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('node:crypto'); // eslint-disable-line no-redeclare -- Node's module, not the Web Crypto global

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// An RGB PNG of width x height: a diagonal gradient tinted by `seed`, so every image differs.
function makePng(width, height, seed = 0) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;   // 8-bit RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;                                                          // filter: none
    for (let x = 0; x < width; x++) {
      const i = row + 1 + x * 3;
      raw[i] = (x * 255 / Math.max(1, width - 1) + seed * 40) & 0xff;
      raw[i + 1] = (y * 255 / Math.max(1, height - 1) + seed * 90) & 0xff;
      raw[i + 2] = ((x + y) * 3 + seed * 70) & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A PNG of about `bytes` bytes whose pixels are seeded noise, so deflate cannot shrink it: for size-bound
// tests (a 100 KB file for P6, a 2 MB slow upload, a 12 MB file above the resumable threshold).
function makeNoisePng(bytes, seed = 1) {
  const side = Math.max(1, Math.round(Math.sqrt(bytes / 3)));
  const raw = Buffer.alloc((side * 3 + 1) * side);
  let x = (seed * 2654435761) >>> 0 || 1;                                 // xorshift32
  for (let y = 0; y < side; y++) {
    const row = y * (side * 3 + 1);
    raw[row] = 0;                                                          // filter: none
    for (let i = row + 1; i < row + 1 + side * 3; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      raw[i] = x & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0); ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sha256 = buf => crypto.createHash('sha256').update(buf).digest('hex');
const sha256File = file => sha256(fs.readFileSync(file));

// Writes the sample site into dir (created if missing; existing files are overwritten).
function writeSampleWorkspace(dir) {
  const files = {
    'images/hero.png': makePng(640, 360, 1),
    'images/logo.png': makePng(128, 128, 2),
    'images/gallery-1.png': makePng(320, 240, 3),
    'images/gallery-2.png': makePng(320, 240, 4),
    'README.md': '# Sample site\n\nImages for the landing page live in `images/`.\n\n',
    'index.html': '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Sample site</title>\n' +
      '  <link rel="stylesheet" href="styles.css">\n</head>\n<body>\n  <header class="hero">\n\n  </header>\n</body>\n</html>\n',
    'styles.css': '.hero {\n  min-height: 360px;\n\n}\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
  return Object.keys(files);
}

module.exports = { makePng, makeNoisePng, writeSampleWorkspace, sha256, sha256File };
