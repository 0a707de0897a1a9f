import { crc32, inflateRawSync } from 'node:zlib';
import { AppError, msg } from '../errors/app-error';
import { mb, tooLarge } from './too-large';

export interface ZipLimits {
  /** Entries in the archive (each costs a header and an object even when empty). */
  maxEntries: number;
  /** Bytes all entries together may inflate to: counted while inflating, whatever the zip declares. */
  maxInflated: number;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const notZip = (why: string) => new AppError('unsupported-media-type', msg('files.not_zip', { why }));

function endOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw notZip('no end of central directory');
}

/**
 * Unpacks a ZIP held in memory (XLSX, DOCX …) entry by entry, inflating each one itself with
 * `maxOutputLength` set to what is left of the budget: the sizes the archive declares are never trusted, so
 * a patched central directory, overlapping entries or a deflate bomb stop at `maxInflated` bytes (413).
 * ZIP64, encryption and methods other than stored/deflate are refused (415).
 */
export function readZip(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) throw notZip('no ZIP signature');
  const eocd = endOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw notZip('ZIP64 is not accepted');
  if (count > limits.maxEntries) throw tooLarge(`The archive has more than ${limits.maxEntries} entries.`);
  const entries: ZipEntry[] = [];
  let left = limits.maxInflated;
  for (let e = 0; e < count; e++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notZip('damaged central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (flags & 1) throw notZip(`${name} is encrypted`);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw notZip(`damaged entry ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw notZip(`entry ${name} runs past the end`);
    const raw = buf.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateCapped(raw, left, limits.maxInflated, name);
    else throw notZip(`entry ${name} uses compression method ${method}`);
    if (data.length > left) throw overBudget(limits.maxInflated);
    left -= data.length;
    entries.push({ name, data });
  }
  return entries;
}

const overBudget = (max: number) => tooLarge(`The archive unpacks to more than ${mb(max)}.`);

function inflateCapped(raw: Buffer, left: number, max: number, name: string): Buffer {
  try {
    // maxOutputLength stops zlib as soon as its output passes the budget: memory stays within it.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, left) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overBudget(max);
    throw notZip(`entry ${name} is not valid deflate data`);
  }
}

/**
 * Packs entries into a ZIP without compression: a reader given this archive (exceljs through JSZip) sees
 * exactly the bytes `readZip` counted, with nothing left to inflate.
 */
export function writeStoredZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const size = centrals.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
