// Reports: the working copy an officer fills in, its workflow, versions, signatures, comments
// and attachments (/api/v1/reports/{key}; src/http/openapi/reports.json, docs/api.md "Reports").
// The key is an obligation key ("HCM-KTXH/202603/u42"), always sent URL-encoded.

import { API_BASE, ApiError, request } from './client';
import type { PeriodRef, UnitRef } from './obligations';

export interface Person { id: number; name: string }
export interface ReportAction { id: string; label: string; requires_reason: boolean }
export type CellKind = 'input' | 'computed' | 'disabled';
export interface ReportCell {
  kind: CellKind;
  value: string | null;
  value_type?: string;
  decimals?: number;
  formula?: string;
  previous?: string | null;
  last_year?: string | null;
  revision?: number;
  updated_by?: Person;
  updated_at?: string;
  error?: string;
}
export interface ReportColumn {
  code: string; label: string; group: string; unit: string; kind: 'input' | 'computed'; formula: string; decimals: number | null;
}
export interface ReportRow {
  code: string; label: string; unit: string; parent: string; kind: 'input' | 'subtotal' | 'computed' | 'heading';
  depth?: number; decimals: number; value_type?: string; formula?: string;
}
export interface ReportRule { code: string; scope: string; formula: string; severity: string; message: string }
export interface ReportForm {
  code: string; title: string; note: string; instructions: string;
  columns: ReportColumn[]; rows: ReportRow[]; rules: ReportRule[];
}
export interface ReportSection {
  code: string; form: string | null; title: string; guidance: string; required: boolean;
  value: string | null; revision?: number; updated_by?: Person; updated_at?: string;
}
export interface ValidationItem {
  key: string; form: string; rule: string; row: string | null; severity: 'error' | 'warning';
  severity_label: string; message: string; cells: string[]; explanation: string | null;
}
export interface Validation {
  errors: number; warnings: number; unexplained_warnings: number; can_submit: boolean; items: ValidationItem[];
}
export interface SignatureBrief { subject: string; signed_at: string; signed_by: Person }
export interface ReportVersion {
  number: number; content_hash: string; created_at: string; created_by: Person; note: string;
  signature: SignatureBrief | null;
}
export interface ReportContent {
  values: Record<string, string>;
  narrative: Record<string, string>;
  attachments: { name: string; media_type: string; size: number; sha256: string }[];
}
export interface ReportVersionDetail extends ReportVersion { content: ReportContent }
export interface HistoryEntry {
  action: string; action_label: string; from: string; to: string; to_label: string;
  actor: Person; at: string; reason: string; version: number;
}
export interface ReportComment { id: number; cell: string; text: string; author: Person; at: string; resolved: boolean }
export interface ReportAttachment {
  id: number; name: string; media_type: string; size: number; sha256: string; uploaded_by: Person; uploaded_at: string;
}
export interface PeriodLink { key: string; label: string; version: number }
export interface Report {
  key: string;
  obligation: {
    key: string; kind: string; regime_code: string; regime_name: string; title: string;
    period: PeriodRef | null; unit: UnitRef; receiving_unit: UnitRef; deadline: string;
    amendment_deadline: string; approval_deadline: string | null; first_sent_at: string | null; version: number;
  };
  state: string;
  state_label: string;
  workflow: { internal_steps: number; delegated_approval: boolean };
  actions: ReportAction[];
  can_edit: boolean;
  /** false: a receiver sees the content of the version sent to them, not the working copy */
  working_copy?: boolean;
  signing: { can_sign: boolean; agency_key: boolean; agency_subject: string | null };
  revision: number;
  updated_at: string | null;
  updated_by: Person | null;
  previous_period: PeriodLink | null;
  last_year_period: PeriodLink | null;
  forms: ReportForm[];
  cells: Record<string, ReportCell>;
  sections: ReportSection[];
  explanations: Record<string, string>;
  validation: Validation;
  comments: ReportComment[];
  attachments: ReportAttachment[];
  versions: ReportVersion[];
  history: HistoryEntry[];
}
export interface DraftConflictItem {
  part: 'value' | 'narrative' | 'explanation';
  cell: string;
  mine: string | null;
  theirs: string | null;
  revision: number;
  by: Person;
  at: string;
}
export interface VerifyResult {
  version: number; signed: boolean; ok: boolean; subject: string | null; common_name: string | null;
  issuer: string | null; serial: string | null; signed_at: string | null; not_after: string | null;
  signed_by: Person | null; content_hash_ok: boolean; reason: string | null;
}
export interface Comparison {
  from: number; to: number;
  differences: { kind: 'value' | 'narrative' | 'attachment'; key: string; before: string | null; after: string | null }[];
}
export interface DraftPatchBody {
  base_revision: number;
  values?: Record<string, string | null>;
  narrative?: Record<string, string | null>;
  explanations?: Record<string, string | null>;
}

const base = (key: string) => `/reports/${encodeURIComponent(key)}`;

/** cell code of the API: "<form>/<row>.<column>" */
export const cellCode = (form: string, row: string, col: string) => `${form}/${row}.${col}`;

/** the screen's address for a report */
export const reportPath = (key: string) => `/bao-cao/${encodeURIComponent(key)}`;

export const reports = {
  get: (key: string) => request<Report>('GET', base(key)),
  save: (key: string, body: DraftPatchBody) => request<Report>('PATCH', `${base(key)}/draft`, { json: body }),
  act: (key: string, action: string, version: number, reason?: string) =>
    request<Report>('POST', `${base(key)}/actions/${action}`, { json: reason ? { version, reason } : { version } }),
  sign: (key: string, body: { method: 'agency' } | { method: 'pkcs12'; pkcs12_base64: string; password: string }) =>
    request<Report>('POST', `${base(key)}/sign`, { json: body }),
  version: (key: string, n: number) => request<ReportVersionDetail>('GET', `${base(key)}/versions/${n}`),
  verify: (key: string, n: number) => request<VerifyResult>('GET', `${base(key)}/versions/${n}/verify`),
  packageUrl: (key: string, n: number) => `${API_BASE}${base(key)}/versions/${n}/package`,
  compare: (key: string, from: number, to: number) =>
    request<Comparison>('GET', `${base(key)}/compare`, { query: { from, to } }),
  addComment: (key: string, cell: string, text: string) =>
    request<ReportComment>('POST', `${base(key)}/comments`, { json: { cell, text } }),
  resolveComment: (key: string, id: number) =>
    request<ReportComment>('POST', `${base(key)}/comments/${id}/resolve`),
  upload: (key: string, file: File) =>
    request<ReportAttachment>('POST', `${base(key)}/attachments`, {
      query: { filename: file.name },
      body: file,
      contentType: 'application/octet-stream',
    }),
  attachmentUrl: (key: string, id: number) => `${API_BASE}${base(key)}/attachments/${id}`,
  removeAttachment: (key: string, id: number) => request<void>('DELETE', `${base(key)}/attachments/${id}`),
};

/** the conflicts of a 409 answer to a save, or null when the 409 is about something else */
export function draftConflicts(e: unknown): { revision: number; conflicts: DraftConflictItem[] } | null {
  if (!(e instanceof ApiError) || e.status !== 409) return null;
  const p = e.problem as unknown as { revision?: number; conflicts?: DraftConflictItem[] };
  return p.conflicts && p.conflicts.length ? { revision: p.revision ?? 0, conflicts: p.conflicts } : null;
}

/** attachments the server accepts (checked again there by content) */
export const ATTACHMENT_TYPES: Record<string, string> = {
  pdf: 'PDF', docx: 'Word (DOCX)', xlsx: 'Excel (XLSX)', png: 'Ảnh PNG', jpg: 'Ảnh JPEG', jpeg: 'Ảnh JPEG',
};
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** why a file cannot be attached, or null */
export function attachmentProblem(file: { name: string; size: number }): string | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() || '';
  if (!ATTACHMENT_TYPES[ext])
    return `Tệp “${file.name}”: chỉ đính kèm được PDF, DOCX, XLSX, PNG hoặc JPEG.`;
  if (file.size === 0) return `Tệp “${file.name}” rỗng.`;
  if (file.size > ATTACHMENT_MAX_BYTES)
    return `Tệp “${file.name}” nặng ${(file.size / 1048576).toFixed(1).replace('.', ',')} MB, vượt quá 20 MB.`;
  return null;
}
