// Pure helpers of the report entry grid (ReportGrid.tsx): Vietnamese numbers typed or pasted
// (1.234,5 and also 1234.5), numbers shown the Vietnamese way, a block copied from Excel
// (tab-separated text) and where its cells land in the form. No DOM, no fetch: unit-tested by
// tests/web/report-input.test.mjs.
//
// Stored values are decimals with '.' and no grouping ("1234.5"), as the server keeps them
// (core/ports/report_repository.h DraftCell::value).

export type Parsed = { ok: true; value: string } | { ok: false; message: string };

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * A number as typed or pasted → the stored form. '' → '' (the cell is cleared).
 *  - Vietnamese: "1.234,5", "1234,5", "1.234.567" (dots group thousands, the comma is decimal);
 *  - without grouping: "1234.5" (one dot not followed by exactly three digits is decimal);
 *  - "1.234" is one thousand two hundred thirty-four (Vietnamese grouping wins);
 *  - English grouping as Excel copies it in an English locale: "1,234.5", "1,234,567";
 *  - "-12,5", "−12,5", "(12,5)" (accounting negative), "+3"; spaces anywhere are ignored.
 */
export function parseViNumber(text: string): Parsed {
  let t = text.replace(SPACES, '');
  if (!t) return { ok: true, value: '' };
  let neg = false;
  if (/^\(.*\)$/.test(t)) {
    neg = true;
    t = t.slice(1, -1);
  }
  if (t[0] === '-' || t[0] === '−' || t[0] === '+') {
    neg = neg !== (t[0] !== '+');
    t = t.slice(1);
  }
  const bad = /[^0-9.,]/.exec(t);
  if (bad) return { ok: false, message: `ký tự “${bad[0]}” không dùng được trong số` };
  if (!/[0-9]/.test(t)) return { ok: false, message: 'không có chữ số nào' };
  const dots = (t.match(/\./g) || []).length;
  const commas = (t.match(/,/g) || []).length;
  let intPart: string;
  let frac = '';
  if (dots && commas) {
    // the mark that comes last is the decimal one; the other groups thousands
    const decimal = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const parts = t.split(decimal);
    if (parts.length !== 2) return { ok: false, message: `dấu “${decimal}” xuất hiện nhiều lần` };
    if (!grouped(parts[0], group)) return { ok: false, message: `dấu “${group}” phân cách hàng nghìn đặt sai chỗ` };
    intPart = parts[0].split(group).join('');
    frac = parts[1];
  } else if (commas) {
    if (commas === 1 && !(/^\d{1,3},\d{3},/.test(t))) {
      [intPart, frac] = t.split(',');
    } else if (grouped(t, ',')) {
      intPart = t.split(',').join('');
    } else return { ok: false, message: 'dấu “,” xuất hiện nhiều lần' };
  } else if (dots) {
    if (dots === 1 && !/^\d{1,3}\.\d{3}$/.test(t)) {
      [intPart, frac] = t.split('.');
    } else if (grouped(t, '.')) {
      intPart = t.split('.').join('');
    } else return { ok: false, message: 'dấu “.” đặt sai chỗ' };
  } else intPart = t;
  if (!/^\d*$/.test(frac)) return { ok: false, message: 'phần thập phân không hợp lệ' };
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${intPart}.${frac}` : intPart;
  if (intPart.length > 20) return { ok: false, message: 'số quá lớn' };
  return { ok: true, value: neg && /[1-9]/.test(body) ? `-${body}` : body };
}

/** "1.234.567" with groups of exactly three after the first (1–3 digits) */
function grouped(s: string, mark: string): boolean {
  const g = s.split(mark);
  return /^\d{1,3}$/.test(g[0]) && g.slice(1).every((x) => /^\d{3}$/.test(x));
}

/**
 * A stored value ("1234.5") → "1.234,5". `decimals` (from the form) pads or rounds the
 * fraction; null shows the digits as stored. Text that is not a number is shown as is.
 */
export function formatViNumber(stored: string | null | undefined, decimals: number | null = null): string {
  if (stored === null || stored === undefined || stored === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(stored.trim());
  if (!m) return stored;
  let [, sign, int, frac = ''] = m;
  if (decimals !== null && decimals >= 0 && frac.length > decimals) {
    // round half away from zero on the digit string (no binary floating point)
    const digits = (int + frac.slice(0, decimals)).split('').map(Number);
    if (Number(frac[decimals]) >= 5) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === 9) digits[i--] = 0;
      if (i < 0) digits.unshift(1);
      else digits[i]++;
    }
    const all = digits.join('');
    int = all.slice(0, all.length - decimals) || '0';
    frac = all.slice(all.length - decimals);
  } else if (decimals !== null && decimals > frac.length) frac = frac.padEnd(decimals, '0');
  int = int.replace(/^0+(?=\d)/, '');
  const groupedInt = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const zero = /^[0.]*$/.test(int + frac);
  return `${sign && !zero ? '-' : ''}${groupedInt}${frac ? ',' + frac : ''}`;
}

/** a number → stored form (computed cells evaluated in the browser); 9 decimals hide binary noise */
export function numberToStored(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  const s = n.toFixed(9).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * Text on the clipboard as Excel or LibreOffice copy it: rows end with CR LF or LF, cells are
 * separated by tabs, a cell containing a tab, a line break or a quote is quoted ("a""b").
 * The trailing line break Excel adds does not make an empty last row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Why a stored number does not fit a cell with `decimals` fraction digits (the form's
 * precision, checked again by the server), or null.
 */
export function decimalsProblem(stored: string, decimals: number | null | undefined): string | null {
  if (decimals === null || decimals === undefined) return null;
  const frac = /\.(\d+)$/.exec(stored)?.[1].length ?? 0;
  if (frac <= decimals) return null;
  return decimals === 0 ? 'ô này chỉ nhận số nguyên' : `có ${frac} chữ số thập phân, tối đa ${decimals}`;
}

/** a typed or pasted text → the stored form for a cell, or why not */
export function parseCellValue(text: string, decimals?: number | null): Parsed {
  const p = parseViNumber(text);
  if (!p.ok) return p;
  const d = decimalsProblem(p.value, decimals);
  return d ? { ok: false, message: d } : p;
}

/** What the grid knows about one position when pasting. */
export interface PasteTarget {
  key: string; // cell code, "CT01.TH"
  editable: boolean; // false: computed or disabled — pasted text there is skipped
  label: string; // "Dòng 3 (CT03), cột Thực hiện" for the error list
  decimals?: number | null; // fraction digits the cell accepts
}

export interface PasteError {
  label: string;
  text: string;
  message: string;
}

export interface PastePlan {
  changes: { key: string; value: string }[];
  errors: PasteError[];
  skippedComputed: number; // non-empty pasted cells that fell on computed cells
  outside: number; // non-empty pasted cells beyond the form's last row or column
}

/**
 * Where a pasted block lands: its top-left cell on the focused cell (`row`, `col`), each pasted
 * cell on the grid cell at the same offset. Computed and disabled cells keep their value (the
 * pasted text there is counted in `skippedComputed`); text that is not a number (or has more
 * decimals than the cell takes) is listed in `errors` and changes nothing; every other cell changes (an empty pasted cell clears it).
 */
export function planPaste(
  grid: PasteTarget[][],
  row: number,
  col: number,
  block: string[][],
): PastePlan {
  const plan: PastePlan = { changes: [], errors: [], skippedComputed: 0, outside: 0 };
  block.forEach((cells, dr) => {
    cells.forEach((text, dc) => {
      const t = grid[row + dr]?.[col + dc];
      if (!t) {
        if (text.trim()) plan.outside++;
        return;
      }
      if (!t.editable) {
        if (text.trim()) plan.skippedComputed++;
        return;
      }
      const p = parseCellValue(text, t.decimals);
      if (p.ok) plan.changes.push({ key: t.key, value: p.value });
      else plan.errors.push({ label: t.label, text, message: p.message });
    });
  });
  return plan;
}

/** how a pasted block went, in one Vietnamese sentence */
export function pasteSummary(p: PastePlan): string {
  const parts = [`Đã dán ${p.changes.length} ô`];
  if (p.errors.length) parts.push(`${p.errors.length} ô không hợp lệ, không dán`);
  if (p.skippedComputed) parts.push(`bỏ qua ${p.skippedComputed} ô tự tính`);
  if (p.outside) parts.push(`${p.outside} ô nằm ngoài biểu`);
  return parts.join('; ') + '.';
}
