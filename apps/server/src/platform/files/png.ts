import { crc32, deflateSync } from 'node:zlib';

/**
 * A minimal PNG writer (8-bit RGBA, no interlace) for images Mamori draws itself: the demo's course illustrations and
 * tests' fixtures. `rgba` holds width × height × 4 bytes, row by row.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: ${rgba.length} bytes for ${width}×${height}`);
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // depth 8, colour type RGBA, deflate, adaptive filter, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A canvas of filled rectangles, enough for a diagram: `fill` then `png()`. */
export function rectCanvas(width: number, height: number, background: [number, number, number]) {
  const px = new Uint8Array(width * height * 4);
  const fill = (x: number, y: number, w: number, h: number, [r, g, b]: [number, number, number]) => {
    for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++)
      for (let xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) px.set([r, g, b, 255], (yy * width + xx) * 4);
  };
  fill(0, 0, width, height, background);
  return { fill, png: () => encodePng(width, height, px) };
}
