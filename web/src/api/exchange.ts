// The report as a pre-filled XLSX and the consolidation of the reports a unit received
// (issue 5 points 3 and 7; src/http/openapi/report_exchange.json, docs/api.md "Report as XLSX,
// consolidation").

import { API_BASE, request } from './client';
import type { Report } from './reports';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ConsolidationUnit {
  id: number; code: string; name: string; report_key: string; state: string; state_label: string; accepted: boolean;
}
export type AggregationMethod = 'sum' | 'average' | 'weighted_average' | 'min' | 'max' | 'none' | 'computed' | 'disabled';
export interface ConsolidationCell {
  cell: string; row: string; column: string; method: AggregationMethod; method_label: string;
  value: string | null; decimals: number; reported: number; note: string | null; units: (string | null)[];
}
export interface Consolidation {
  unit: { id: number; code: string; name: string };
  regime: { code: string; name: string };
  period: { id: string; label: string };
  expected: number;
  accepted: number;
  completeness: string;
  units: ConsolidationUnit[];
  missing: ConsolidationUnit[];
  forms: { code: string; title: string; cells: ConsolidationCell[] }[];
  problems: string[];
  own_report: { key: string; state: string; state_label: string; deadline: string } | null;
  can_pull: boolean;
  pull_blocked: string | null;
}

const base = (key: string) => `/reports/${encodeURIComponent(key)}`;

export const exchange = {
  xlsxUrl: (key: string) => `${API_BASE}${base(key)}/xlsx`,
  uploadXlsx: (key: string, file: Blob) =>
    request<Report>('PUT', `${base(key)}/xlsx`, { body: file, contentType: XLSX_TYPE }),
  consolidation: (unit: number, regime: string, period: string) =>
    request<Consolidation>('GET', '/consolidation', { query: { unit, regime, period } }),
  pull: (key: string, baseRevision: number) =>
    request<Report>('POST', `${base(key)}/pull-consolidation`, { json: { base_revision: baseRevision } }),
};

/** the screen's address of a consolidation */
export const consolidationPath = (unit: number, regime: string, period: string) =>
  `/tong-hop?${new URLSearchParams({ unit: String(unit), regime, period })}`;
