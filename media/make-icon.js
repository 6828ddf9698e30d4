#!/usr/bin/env node
// Draws media/icon.png (run: node media/make-icon.js media/icon.png): a white cloud with an upload arrow on a Wix-blue rounded square (128×128 RGBA).
const zlib = require('zlib');
const fs = require('fs');
const N = 128, SS = 4;
const blue = [17, 109, 255], deep = [8, 64, 180], white = [255, 255, 255];
function inRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}
const circ = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
function cloud(x, y) {
  return circ(x, y, 46, 70, 20) || circ(x, y, 66, 56, 26) || circ(x, y, 88, 70, 18) || inRoundRect(x, y, 30, 62, 104, 90, 14);
}
function arrow(x, y) {
  const shaft = x >= 58 && x <= 70 && y >= 62 && y <= 86;
  const head = y >= 48 && y <= 66 && Math.abs(x - 64) <= (y - 48) * 1.05; // triangle, apex at (64,48)
  return shaft || head;
}
function sample(x, y) {
  if (!inRoundRect(x, y, 4, 4, 124, 124, 24)) return null;
  const t = y / N; // vertical gradient on the background
  const bg = blue.map((c, i) => Math.round(c * (1 - t * 0.35) + deep[i] * t * 0.35));
  if (cloud(x, y)) return arrow(x, y) ? blue : white;
  return bg;
}
const raw = Buffer.alloc((N * 4 + 1) * N);
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const c = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(r / a) : 0; raw[o + 1] = a ? Math.round(g / a) : 0; raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round(255 * a / (SS * SS));
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = buf => { let c = 0xffffffff; for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
fs.writeFileSync(process.argv[2], png);
console.log('wrote', process.argv[2], png.length, 'bytes');
