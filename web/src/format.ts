// Vietnamese formatting: numbers 1.234,5; dates 14/03/2026; instants 14/03/2026 15:30
// in Asia/Ho_Chi_Minh (docs/api.md "Conventions").

export const LOCALE = 'vi-VN';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const percentFmt = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const dateFmt = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const instantFmt = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});
const todayFmt = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TIME_ZONE,
});

export function fmtNumber(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '' : numberFmt.format(n);
}

export function fmtPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? '' : percentFmt.format(share);
}

/** "2026-03-14" → "14/03/2026" (a calendar date, no time-zone shift) */
export function fmtDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  return dateFmt.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
}

/** RFC 3339 instant → "14/03/2026 15:30" in Asia/Ho_Chi_Minh */
export function fmtInstant(s: string | null | undefined): string {
  if (!s) return '';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const parts: Record<string, string> = {};
  for (const p of instantFmt.formatToParts(d)) parts[p.type] = p.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** today's date in Ho Chi Minh City as YYYY-MM-DD */
export function todayISO(now: Date = new Date()): string {
  return todayFmt.format(now);
}

/** validity range of a unit, e.g. "01/07/2025 – nay" */
export function fmtValidity(from: string | null, to: string | null): string {
  if (!from && !to) return 'Không giới hạn';
  if (!from) return `đến ${fmtDate(to)}`;
  if (!to) return `từ ${fmtDate(from)}`;
  return `${fmtDate(from)} – ${fmtDate(to)}`;
}

/** Vietnamese-insensitive folding for client-side filtering ("Thủ Đức" → "thu duc") */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
