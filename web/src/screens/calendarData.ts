// Helpers of the Lịch báo cáo page: calendar arithmetic on "YYYY-MM-DD" strings (UTC, no
// time-zone shift), Vietnamese labels of day kinds and periods, and the lunar dates of a year
// taken from the API (sampled, see lunarOfYear).

import { calendar } from '../api/calendar';
import type { DayKind, LunarDate, PeriodType } from '../api/calendar';
import { fmtDate } from '../format';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const WEEKDAY_LONG = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
export const WEEKDAY_SHORT = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];

const DAY_MS = 86_400_000;

export function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** days since 1970-01-01 */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): string {
  const dt = new Date(n * DAY_MS);
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO weekday: 1 = Monday … 7 = Sunday */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** "14/02/2026, Thứ Bảy" */
export function fmtDayLong(date: string): string {
  return `${fmtDate(date)}, ${WEEKDAY_LONG[isoWeekday(date) - 1]}`;
}

/** "15/02/2026 – 14/03/2026" */
export function fmtRange(start: string, end: string): string {
  return `${fmtDate(start)} – ${fmtDate(end)}`;
}

// ---------------------------------------------------------------- kinds of day

export type DisplayKind = DayKind | 'rest';

export const KIND_LABELS: Record<DisplayKind, string> = {
  statutory: 'Nghỉ lễ',
  compensatory: 'Nghỉ bù',
  official: 'Nghỉ theo lịch chính thức',
  workday: 'Làm bù',
  rest: 'Nghỉ hằng tuần',
};

export const KIND_HINTS: Record<DisplayKind, string> = {
  statutory: 'ngày lễ, Tết theo Bộ luật Lao động 2019 Điều 112',
  compensatory: 'ngày lễ trùng ngày nghỉ hằng tuần (Điều 111.3)',
  official: 'theo lịch nghỉ chính thức do quản trị nhập',
  workday: 'thứ Bảy/Chủ nhật đi làm bù',
  rest: '',
};

/** kinds of a day off (the working-day kind is "workday") */
export function isDayOff(kind: DisplayKind | undefined): boolean {
  return kind !== undefined && kind !== 'workday';
}

// ---------------------------------------------------------------- periods

export const PERIOD_TYPES: { id: PeriodType; label: string }[] = [
  { id: 'weekly', label: 'Tuần' },
  { id: 'monthly', label: 'Tháng' },
  { id: 'quarterly', label: 'Quý' },
  { id: 'six_monthly', label: '6 tháng' },
  { id: 'nine_monthly', label: '9 tháng' },
  { id: 'yearly', label: 'Năm' },
];

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "202603" → "Tháng 3/2026", "2026Q1" → "Quý I/2026", "2026S1" → "6 tháng đầu năm 2026" … */
export function periodLabel(id: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})W(\d{2})$/.exec(id))) return `Tuần ${m[2]}/${m[1]}`;
  if ((m = /^(\d{4})(\d{2})$/.exec(id))) return `Tháng ${Number(m[2])}/${m[1]}`;
  if ((m = /^(\d{4})Q([1-4])$/.exec(id))) return `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  if ((m = /^(\d{4})S([12])$/.exec(id))) return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  if ((m = /^(\d{4})N9$/.exec(id))) return `9 tháng năm ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(id))) return `Năm ${m[1]}`;
  if ((m = /^(\d{4})-(\d{4})$/.exec(id))) return `Giai đoạn ${m[1]}–${m[2]}`;
  return id;
}

// ---------------------------------------------------------------- lunar calendar

const CAN = ['Canh', 'Tân', 'Nhâm', 'Quý', 'Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ'];
const CHI = ['Thân', 'Dậu', 'Tuất', 'Hợi', 'Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi'];
const LUNAR_MONTHS = ['Giêng', 'Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín', 'Mười', 'Một', 'Chạp'];

/** 2026 → "Bính Ngọ" */
export function canChi(lunarYear: number): string {
  return `${CAN[((lunarYear % 10) + 10) % 10]} ${CHI[((lunarYear % 12) + 12) % 12]}`;
}

/** "1/1", "15/6N" (N = tháng nhuận) */
export function lunarShort(l: LunarDate): string {
  return `${l.day}/${l.month}${l.leap ? 'N' : ''}`;
}

/** "mùng 1 tháng Giêng năm Bính Ngọ" */
export function lunarLong(l: LunarDate): string {
  const day = l.day <= 10 ? `mùng ${l.day}` : `ngày ${l.day}`;
  return `${day} tháng ${LUNAR_MONTHS[l.month - 1]}${l.leap ? ' (nhuận)' : ''} năm ${canChi(l.year)}`;
}

function sameMonth(a: LunarDate, b: LunarDate): boolean {
  return a.year === b.year && a.month === b.month && a.leap === b.leap;
}

const lunarCache = new Map<number, Promise<Map<string, LunarDate>>>();

/**
 * The lunar date of every day of `year`, from GET /calendar/lunar on the 1st and 16th of each
 * month and on 31 December (25 requests). Samples are at most 16 days apart and a lunar month
 * has 29 or 30 days, so between two samples at most one lunar month begins: if the month
 * changed, the new one began `day(b) - 1` days before sample b.
 */
export function lunarOfYear(year: number): Promise<Map<string, LunarDate>> {
  let p = lunarCache.get(year);
  if (!p) {
    p = loadLunar(year);
    p.catch(() => lunarCache.delete(year));
    lunarCache.set(year, p);
  }
  return p;
}

async function loadLunar(year: number): Promise<Map<string, LunarDate>> {
  const dates: string[] = [];
  for (let m = 1; m <= 12; m++) dates.push(iso(year, m, 1), iso(year, m, 16));
  dates.push(iso(year, 12, 31));
  const samples = await Promise.all(dates.map((d) => calendar.lunar(d)));
  const out = new Map<string, LunarDate>();
  for (let i = 0; i < samples.length; i++) {
    const a = samples[i];
    const na = dayNumber(a.date);
    out.set(a.date, a.lunar);
    const b = samples[i + 1];
    if (!b) break;
    const nb = dayNumber(b.date);
    const newStart = sameMonth(a.lunar, b.lunar) ? Infinity : nb - (b.lunar.day - 1);
    for (let n = na + 1; n < nb; n++) {
      const l =
        n >= newStart
          ? { ...b.lunar, day: n - newStart + 1 }
          : { ...a.lunar, day: a.lunar.day + (n - na) };
      out.set(fromDayNumber(n), l);
    }
  }
  return out;
}
