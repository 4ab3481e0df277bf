// Report regimes, forms and the public catalog (/api/v1/regimes, /api/v1/forms,
// /api/v1/public/catalog; src/http/openapi/regimes.json, docs/api.md "Report regimes").

import { request, API_BASE, buildQuery } from './client';

export type RegimeKind = 'periodic' | 'thematic' | 'ad_hoc' | 'statistical';
export type RegimeStatus = 'draft' | 'published' | 'retired' | 'superseded';
export type SendMethod = 'system' | 'document_system' | 'email' | 'paper';
export type PeriodTypeId = 'weekly' | 'monthly' | 'quarterly' | 'six_monthly' | 'nine_monthly' | 'yearly' | 'multi_year';

export interface Section { code: string; title: string; guidance: string; required: boolean }
export interface FormColumn {
  code: string; label: string; group: string; unit: string;
  kind: 'input' | 'computed'; formula: string; decimals: number | null;
}
export interface FormRow {
  code: string; label: string; unit: string; parent: string;
  kind: 'input' | 'subtotal' | 'computed' | 'heading'; formula: string; decimals: number;
}
export interface CellOverride { row: string; column: string; kind: 'input' | 'computed' | 'disabled'; formula: string }
export interface ValidationRule {
  code: string; scope: 'form' | 'row'; formula: string; severity: 'error' | 'warning'; message: string;
}
export interface Form {
  code: string; title: string; note: string; columns: FormColumn[]; rows: FormRow[];
  cells: CellOverride[]; rules: ValidationRule[]; sections: Section[]; instructions: string;
}
export interface UnitRule { type: string | null; under: string; direct: boolean }
export interface Schedule {
  frequency: PeriodTypeId | null; also: PeriodTypeId[]; window: 'regulation' | 'calendar' | 'day_of_month';
  cut_off_day: number; unit_working_days: number; level_working_days: number; levels: number;
  weekly_due_thursday: boolean; approval_day: number | null; due_date: string | null;
}
export interface Regime {
  code: string; family: string; name: string; kind: RegimeKind; content: string;
  reporting: { codes: string[]; rules: UnitRule[]; exclude: string[]; description: string };
  receiving: string; send_methods: SendMethod[]; schedule: Schedule; outline: Section[];
  forms: Form[]; instructions: string; legal_basis: string;
}
export interface RegimeHead {
  id: number; code: string; family: string; name: string; kind: RegimeKind; status: RegimeStatus;
  latest_version: number; published_version: number | null; updated_at: string; version: number;
}
export interface Finding {
  severity: 'error' | 'warning'; code: string; message: string; other_regime: string; units: string[];
  indicator?: string; serving_agency?: string;
}
export interface RegimeView extends RegimeHead {
  version_no: number; version_status: RegimeStatus; regime: Regime; warnings: Finding[];
}
export interface RegimeVersion {
  number: number; status: RegimeStatus; created_at: string; created_by: number | null; published_at: string | null;
}
export interface FormView { regime_id: number; version: number; version_no: number; version_status: RegimeStatus; form: Form }
export interface CatalogItem {
  regime_id: number; code: string; name: string; kind: RegimeKind; reporting: string; reporting_count: number;
  receiving: string; frequency: string; legal_basis: string; send_methods: string; published_at: string | null;
}

export const KIND_LABELS: Record<RegimeKind, string> = {
  periodic: 'Định kỳ', thematic: 'Chuyên đề', ad_hoc: 'Đột xuất', statistical: 'Thống kê',
};
export const STATUS_LABELS: Record<RegimeStatus, string> = {
  draft: 'Dự thảo', published: 'Đang áp dụng', retired: 'Đã bãi bỏ', superseded: 'Đã được thay thế',
};
export const METHOD_LABELS: Record<SendMethod, string> = {
  system: 'Hệ thống thông tin báo cáo', document_system: 'Hệ thống quản lý văn bản',
  email: 'Thư điện tử công vụ', paper: 'Văn bản giấy',
};
export const FREQ_LABELS: Record<PeriodTypeId, string> = {
  weekly: 'Tuần', monthly: 'Tháng', quarterly: 'Quý', six_monthly: '6 tháng', nine_monthly: '9 tháng',
  yearly: 'Năm', multi_year: 'Giai đoạn',
};

export function emptyForm(code: string): Form {
  return { code, title: '', note: '', columns: [], rows: [], cells: [], rules: [], sections: [], instructions: '' };
}
export function emptyRegime(): Regime {
  return {
    code: '', family: '', name: '', kind: 'periodic', content: '',
    reporting: { codes: [], rules: [], exclude: [], description: '' }, receiving: '', send_methods: ['system'],
    schedule: {
      frequency: 'monthly', also: [], window: 'regulation', cut_off_day: 14, unit_working_days: 3,
      level_working_days: 3, levels: 1, weekly_due_thursday: true, approval_day: null, due_date: null,
    },
    outline: [], forms: [], instructions: '', legal_basis: '',
  };
}

export const regimes = {
  list: (q: { q?: string; status?: string; kind?: string } = {}) =>
    request<{ items: RegimeHead[] }>('GET', '/regimes', { query: q }),
  get: (id: number, version?: number) => request<RegimeView>('GET', `/regimes/${id}`, { query: { version } }),
  create: (r: Regime) => request<RegimeView>('POST', '/regimes', { json: r }),
  update: (id: number, version: number, regime: Regime) =>
    request<RegimeView>('PUT', `/regimes/${id}`, { json: { version, regime } }),
  publish: (id: number, version: number) => request<RegimeView>('POST', `/regimes/${id}/publish`, { json: { version } }),
  retire: (id: number, version: number) => request<RegimeView>('POST', `/regimes/${id}/retire`, { json: { version } }),
  versions: (id: number) => request<{ items: RegimeVersion[] }>('GET', `/regimes/${id}/versions`),
  conflicts: (id: number) => request<{ errors: Finding[]; warnings: Finding[] }>('GET', `/regimes/${id}/conflicts`),
  getForm: (id: number, code: string) => request<FormView>('GET', `/forms/${id}/${encodeURIComponent(code)}`),
  putForm: (id: number, version: number, form: Form) =>
    request<FormView>('PUT', `/forms/${id}/${encodeURIComponent(form.code)}`, { json: { version, form } }),
  templateUrl: (id: number, code: string, period?: string) =>
    `${API_BASE}/forms/${id}/${encodeURIComponent(code)}/template.xlsx${buildQuery({ period })}`,
};

export const publicCatalog = {
  get: () => request<{ title: string; as_of: string; items: CatalogItem[] }>('GET', '/public/catalog', { own401: true }),
  xlsxUrl: `${API_BASE}/public/catalog.xlsx`,
  pdfUrl: `${API_BASE}/public/catalog.pdf`,
};

export interface IndicatorBrief { code: string; name: string; unit_of_measure: string }
/** The indicator catalog (GET /api/v1/indicators), when it answers; else an empty list. */
export async function indicatorCatalog(): Promise<IndicatorBrief[]> {
  try {
    const r = await request<{ items: IndicatorBrief[] }>('GET', '/indicators', { query: { limit: 500 } });
    return r.items || [];
  } catch {
    return [];
  }
}
