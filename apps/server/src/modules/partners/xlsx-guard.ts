import ExcelJS from 'exceljs';
import { AppError, type FieldError } from '../../platform/errors/app-error';
import { refuseWith } from './errors';

export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
/** A workbook that unpacks to more than this is refused before it is read (a "zip bomb"). */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/** Sums the uncompressed sizes in a zip's central directory, without inflating anything. */
function unpackedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    total += buf.readUInt32LE(p + 24);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

const notXlsx = () => new AppError('unsupported-media-type', 'The file is not an XLSX workbook.');

/** Opens an uploaded workbook after the checks that need no trust in it; refuses any formula, naming its cells. */
export async function guardXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  if (buf.length > MAX_XLSX_BYTES) throw new AppError('payload-too-large', 'The workbook is larger than 5 MB.');
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const size = unpackedSize(buf);
  if (size === null) throw notXlsx();
  if (size > MAX_UNPACKED_BYTES) throw new AppError('payload-too-large', 'The workbook unpacks to more than 50 MB.');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const formulas: FieldError[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row, n) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula)
          formulas.push({
            path: `row ${n}.${cell.address}`,
            message: `formulas are not accepted (sheet ${ws.name}); type the value`,
          });
      }),
    );
  refuseWith(formulas, 'workbook');
  return wb;
}

/** A cell's value as trimmed text (rich text joined, hyperlinks by their text). */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v).trim();
}
