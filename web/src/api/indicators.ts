// The indicator catalog, indicator sets and plan targets (/api/v1/indicators,
// /api/v1/indicator-sets, /api/v1/targets; src/http/openapi/indicators.json, docs/api.md
// "Indicators and targets").

import { API_BASE, buildQuery, filenameFrom, request } from './client';

export type ValueType = 'number' | 'integer' | 'percent' | 'text' | 'yes_no' | 'date';
export type Direction = 'higher' | 'lower' | 'none';
export type UnitAggregation = 'sum' | 'average' | 'weighted_average' | 'min' | 'max' | 'none';
export type TimeAggregation = 'sum' | 'last' | 'average' | 'none';
export type SetLevel = 'province' | 'commune' | 'agency';
export type TargetStatus = 'registered' | 'assigned';
export type CatalogFormat = 'csv' | 'xlsx';

export interface BreakdownPart { code: string; name: string }
export interface Breakdown { code: string; name: string; parts: BreakdownPart[] }

/** what a user edits (POST /indicators; PATCH sends the same fields and `version`) */
export interface IndicatorInput {
  code: string;
  name: string;
  unit_of_measure: string;
  value_type: ValueType;
  decimals: number;
  sector: string;
  agency_id: number | null;
  legal_basis: string;
  periodicity: string;
  direction: Direction;
  unit_aggregation: UnitAggregation;
  weight_code: string;
  time_aggregation: TimeAggregation;
  breakdowns: Breakdown[];
  formula: string;
  note: string;
}
export interface Indicator extends IndicatorInput {
  id: number;
  version: number;
  value_type_label: string;
  direction_label: string;
  agency_code: string | null;
  agency_name: string | null;
}

export interface IndicatorSet {
  id: number;
  code: string;
  name: string;
  plan_period: string;
  plan_period_label: string;
  level: SetLevel;
  level_label: string;
  owner_unit_id: number | null;
  owner_unit_code: string | null;
  owner_unit_name: string | null;
  legal_basis: string;
  latest_version: number;
  version: number;
}
export interface SetMember {
  position: number;
  indicator_id: number;
  indicator_version: number;
  code: string;
  name: string;
  unit_of_measure: string;
  group: string;
}
export interface SetVersion {
  set_id: number;
  number: number;
  note: string;
  published_at: string;
  published_by: number | null;
  members?: SetMember[];
}
export interface SetDetail extends IndicatorSet {
  versions: SetVersion[];
}

export interface Target {
  id: number;
  plan_period: string;
  unit_id: number;
  indicator_id: number;
  owner_unit_id: number;
  registered_value: number | null;
  assigned_value: number | null;
  status: TargetStatus;
  status_label: string;
  updated_at: string;
  version: number;
  unit_code?: string;
  unit_name?: string;
  owner_unit_name?: string;
  indicator_code?: string;
  indicator_name?: string;
}
export interface TargetChange {
  id: number;
  target_id: number;
  kind: 'register' | 'assign';
  kind_label: string;
  old_value: number | null;
  new_value: number;
  comment: string;
  at: string;
  actor_id: number | null;
  actor_name: string;
}
export interface Actual {
  id: number;
  unit_id: number;
  indicator_id: number;
  year: number;
  value: number;
  estimate: boolean;
  source: string;
  recorded_at: string;
  version: number;
}
export interface AchievementRow {
  target: Target;
  unit_name: string;
  indicator: { id: number; code: string; name: string; unit_of_measure: string; direction: Direction };
  target_value: number | null;
  target_assigned: boolean;
  year: number;
  actual: Actual | null;
  achievement: { percent: number | null; difference: number; met: boolean; label: string } | null;
  note: string;
}
export interface TargetChangeInput {
  plan_period: string;
  unit_id: number;
  indicator_id: number;
  value: number;
  comment?: string;
  owner_unit_id?: number;
  version?: number;
}

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  number: 'Số', integer: 'Số nguyên', percent: 'Tỷ lệ (%)', text: 'Văn bản', yes_no: 'Có/Không', date: 'Ngày',
};
export const DIRECTION_LABELS: Record<Direction, string> = {
  higher: 'Càng cao càng tốt', lower: 'Càng thấp càng tốt', none: 'Không đánh giá chiều',
};
export const UNIT_AGG_LABELS: Record<UnitAggregation, string> = {
  sum: 'Cộng', average: 'Trung bình', weighted_average: 'Trung bình có trọng số', min: 'Nhỏ nhất', max: 'Lớn nhất',
  none: 'Không tổng hợp',
};
export const TIME_AGG_LABELS: Record<TimeAggregation, string> = {
  sum: 'Cộng dồn (chỉ tiêu thời kỳ)', last: 'Giá trị cuối kỳ (chỉ tiêu thời điểm)', average: 'Bình quân',
  none: 'Không tổng hợp',
};
export const LEVEL_LABELS: Record<SetLevel, string> = { province: 'Cấp tỉnh', commune: 'Cấp xã', agency: 'Sở, ngành' };

export function emptyIndicator(): IndicatorInput {
  return {
    code: '', name: '', unit_of_measure: '', value_type: 'number', decimals: 0, sector: '', agency_id: null,
    legal_basis: '', periodicity: '', direction: 'higher', unit_aggregation: 'sum', weight_code: '',
    time_aggregation: 'sum', breakdowns: [], formula: '', note: '',
  };
}

export interface IndicatorQuery {
  q?: string;
  sector?: string;
  level?: SetLevel | '';
  set_id?: number;
  limit?: number;
  offset?: number;
}

export const indicators = {
  list: (q: IndicatorQuery) =>
    request<{ items: Indicator[]; total: number }>('GET', '/indicators', { query: { ...q } }),
  sectors: () => request<{ items: { sector: string; count: number }[] }>('GET', '/indicators/sectors'),
  get: (id: number) => request<Indicator>('GET', `/indicators/${id}`),
  create: (body: IndicatorInput) => request<Indicator>('POST', '/indicators', { json: body }),
  update: (id: number, version: number, body: IndicatorInput) =>
    request<Indicator>('PATCH', `/indicators/${id}`, { json: { ...body, version } }),
  exportUrl: (format: CatalogFormat, q?: string, sector?: string) =>
    `${API_BASE}/indicators/export${buildQuery({ format, q, sector })}`,
  export: async (format: CatalogFormat, q?: string, sector?: string) => {
    const res = await request<Response>('GET', '/indicators/export', { query: { format, q, sector }, raw: true });
    return { blob: await res.blob(), filename: filenameFrom(res, `danh-muc-chi-tieu.${format}`) };
  },
  import: (file: Blob, format: CatalogFormat) =>
    request<{ created: number; updated: number; unchanged: number }>('POST', '/indicators/import', {
      query: { format },
      body: file,
      contentType: format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
};

export const indicatorSets = {
  list: (q: { plan_period?: string; level?: SetLevel | '' } = {}) =>
    request<{ items: IndicatorSet[] }>('GET', '/indicator-sets', { query: q }),
  get: (id: number) => request<SetDetail>('GET', `/indicator-sets/${id}`),
  version: (id: number, number: number | 'latest') =>
    request<SetVersion>('GET', `/indicator-sets/${id}/versions/${number}`),
  create: (body: {
    code: string; name: string; plan_period: string; level: SetLevel; owner_unit_id: number | null; legal_basis: string;
  }) => request<IndicatorSet>('POST', '/indicator-sets', { json: body }),
  publish: (id: number, expected_latest: number, members: { code: string; group: string }[], note: string) =>
    request<SetVersion>('POST', `/indicator-sets/${id}/versions`, { json: { expected_latest, members, note } }),
};

export const targets = {
  list: (q: { plan_period?: string; unit_id?: number; indicator_id?: number; status?: TargetStatus }) =>
    request<{ items: Target[] }>('GET', '/targets', { query: q }),
  get: (id: number) => request<Target & { history: TargetChange[] }>('GET', `/targets/${id}`),
  register: (c: TargetChangeInput) => request<Target>('POST', '/targets/register', { json: c }),
  assign: (c: TargetChangeInput) => request<Target>('POST', '/targets/assign', { json: c }),
  recordActual: (a: { unit_id: number; indicator_id: number; year: number; value: number; estimate: boolean; source: string }) =>
    request<Actual>('POST', '/targets/actuals', { json: a }),
  achievement: (q: { plan_period: string; unit_id?: number; indicator_id?: number; year?: number }) =>
    request<{ items: AchievementRow[] }>('GET', '/targets/achievement', { query: q }),
};

const valueFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
/** a target or result value: 1.234,5 (up to 4 decimals); '' for none */
export function fmtValue(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : valueFmt.format(n);
}
