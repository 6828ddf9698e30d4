// The emulator measures images from their headers; descriptors depend on it (width/height, FAILED otherwise).
import * as assert from 'node:assert/strict';
import { imageSize } from '../emulator/image-size';
import { makePng } from '../helpers/fixtures';

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('emulator image-size', () => {
  it('reads PNG, JPEG, GIF, WebP (VP8, VP8L, VP8X) and BMP headers', () => {
    assert.deepEqual(imageSize(makePng(321, 123)), { width: 321, height: 123 });
    assert.deepEqual(imageSize(jpeg(1024, 768)), { width: 1024, height: 768 });
    const gif = Buffer.from('GIF89a\x40\x01\xf0\x00\x00\x00\x00', 'latin1');
    assert.deepEqual(imageSize(gif), { width: 320, height: 240 });
    const riff = (chunk: string, body: Buffer) => Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP' + chunk, 'latin1'), body]);
    const vp8 = Buffer.alloc(14); vp8.writeUInt16LE(640, 10); vp8.writeUInt16LE(480, 12);
    assert.deepEqual(imageSize(riff('VP8 ', vp8)), { width: 640, height: 480 });
    const vp8l = Buffer.alloc(14); vp8l[4] = 0x2f; vp8l.writeUInt32LE((100 - 1) | ((50 - 1) << 14), 5);
    assert.deepEqual(imageSize(riff('VP8L', vp8l)), { width: 100, height: 50 });
    const vp8x = Buffer.alloc(14); vp8x.writeUIntLE(2000 - 1, 8, 3); vp8x.writeUIntLE(1000 - 1, 11, 3);
    assert.deepEqual(imageSize(riff('VP8X', vp8x)), { width: 2000, height: 1000 });
    const bmp = Buffer.alloc(30); bmp.write('BM', 0, 'latin1'); bmp.writeInt32LE(64, 18); bmp.writeInt32LE(-32, 22);
    assert.deepEqual(imageSize(bmp), { width: 64, height: 32 });
  });

  it('gives up on bytes that are not an image, or are cut short', () => {
    assert.equal(imageSize(Buffer.from('hello world, not an image at all')), undefined);
    assert.equal(imageSize(makePng(10, 10).subarray(0, 20)), undefined);
    assert.equal(imageSize(jpeg(10, 10).subarray(0, 12)), undefined);
  });
});
