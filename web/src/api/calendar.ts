// Reporting calendar API (/api/v1/calendar; src/http/openapi/calendar.json, docs/api.md
// "Calendar"): lunar dates, holidays of a year, periods with cut-off window and deadlines,
// the operator's official schedules (calendar.write).

import { buildQuery, filenameFrom, request, API_BASE } from './client';
import type { ISODate } from './types';

/** statutory: ngày lễ theo luật; compensatory: nghỉ bù; official: nghỉ theo lịch chính thức; workday: làm bù */
export type DayKind = 'statutory' | 'compensatory' | 'official' | 'workday';

export interface CalendarDay {
  date: ISODate;
  name: string;
  kind: DayKind;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

export interface LunarConversion {
  date: ISODate;
  lunar: LunarDate;
}

export type PeriodType =
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'six_monthly'
  | 'nine_monthly'
  | 'yearly'
  | 'multi_year';

export interface PeriodSchedule {
  id: string;
  type: PeriodType;
  /** first day of the data cut-off window */
  start: ISODate;
  /** cut-off date */
  end: ISODate;
  /** [0] reporting unit, [k] k-th aggregation level */
  deadlines: ISODate[];
  approval_deadline?: ISODate;
  /** a monthly instance not required because this period's report replaces it (002 Đ8.2) */
  replaced_by?: string;
}

export type WindowRule = 'regulation' | 'calendar' | 'day_of_month';

export interface PeriodQuery {
  type: PeriodType;
  within: string;
  levels?: number;
  window?: WindowRule;
  cut_off_day?: number;
  unit_days?: number;
  level_days?: number;
  approval_day?: number;
  /** comma-separated period types the regime also reports */
  also?: string;
  weekly_due_thursday?: boolean;
}

export interface OfficialSchedule {
  year?: number;
  source?: string;
  days: CalendarDay[];
}

export interface OfficialSummary {
  year: number;
  source: string;
  days_off: number;
  workdays: number;
}

export interface RestDays {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  days: number[];
}

export type CalendarExportFormat = 'csv' | 'json';

export const calendar = {
  lunar: (date: ISODate) => request<LunarConversion>('GET', '/calendar/lunar', { query: { date } }),
  holidays: (year: number) => request<CalendarDay[]>('GET', '/calendar/holidays', { query: { year } }),
  period: (id: string, q: Omit<PeriodQuery, 'type' | 'within'> = {}) =>
    request<PeriodSchedule>('GET', '/calendar/period', { query: { id, ...q } }),
  periods: (q: PeriodQuery) =>
    request<{ items: PeriodSchedule[] }>('GET', '/calendar/periods', {
      query: { ...q, weekly_due_thursday: q.weekly_due_thursday === undefined ? undefined : q.weekly_due_thursday ? '1' : '0' },
    }),
  officialYears: () => request<{ items: OfficialSummary[] }>('GET', '/calendar/official'),
  official: (year: number) => request<OfficialSchedule>('GET', `/calendar/official/${year}`),
  putOfficial: (year: number, body: OfficialSchedule) =>
    request<OfficialSchedule>('PUT', `/calendar/official/${year}`, { json: body }),
  deleteOfficial: (year: number) => request<void>('DELETE', `/calendar/official/${year}`),
  importOfficial: (file: Blob, format: CalendarExportFormat, source?: string) =>
    request<{ items: OfficialSummary[] }>('POST', '/calendar/official/import', {
      query: { format, source },
      body: file,
      contentType: format === 'json' ? 'application/json' : 'text/csv',
    }),
  exportUrl: (year: number, format: CalendarExportFormat) =>
    `${API_BASE}/calendar/official/${year}/export${buildQuery({ format })}`,
  /** downloads the year's schedule (the computed one when none is stored: source "computed") */
  exportOfficial: async (year: number, format: CalendarExportFormat) => {
    const res = await request<Response>('GET', `/calendar/official/${year}/export`, { query: { format }, raw: true });
    const blob = await res.blob();
    return {
      blob,
      filename: filenameFrom(res, `lich-nghi-${year}.${format}`),
      source: (res.headers.get('X-Calendar-Source') || 'official') as 'official' | 'computed',
    };
  },
  restDays: () => request<RestDays>('GET', '/calendar/rest-days'),
};
