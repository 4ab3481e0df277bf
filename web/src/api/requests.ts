// Cascade, ad hoc requests and backfill windows (src/http/openapi/requests.json;
// docs/api.md "Cascade, ad hoc requests, backfill").

import { request } from './client';
import type { Summary, UnitRef } from './obligations';

export interface ChildObligation {
  id: number;
  key: string;
  kind: 'periodic' | 'ad_hoc' | 'cascade';
  title: string;
  unit_id: number;
  receiving_unit_id: number;
  assigned_on: string;
  deadline: string;
  state: string;
}
export interface CascadeResult {
  parent: ChildObligation;
  created: number;
  existing: number;
  children: ChildObligation[];
}
export interface CascadeInput {
  child_unit_ids: number[];
  internal_deadline?: string;
  working_days_before?: number;
}

export interface AdHocRequest {
  request_id: string;
  document_number: string;
  title: string;
  issuing_unit: UnitRef;
  issued_on: string;
  deadline: string;
  period: { id: string; label: string } | null;
  summary: Summary;
  created?: boolean;
  obligations?: ChildObligation[];
}
export interface AdHocInput {
  document_number: string;
  title: string;
  issuing_unit_id?: number;
  recipient_unit_ids: number[];
  deadline: string;
  period?: string;
}

export interface BackfillWindow {
  id: number;
  reason: string;
  outage_from: string;
  outage_to: string;
  opened_at: string;
  open_until: string;
  closes_at: string;
  closed_at: string | null;
  open: boolean;
}
export interface BackfillWindowInput {
  reason: string;
  outage_from: string;
  outage_to: string;
  open_until: string;
}

export const requests = {
  cascade: (obligationId: number, body: CascadeInput) =>
    request<CascadeResult>('POST', `/obligations/${obligationId}/cascade`, { json: body }),
  list: () => request<{ items: AdHocRequest[] }>('GET', '/requests'),
  create: (body: AdHocInput) => request<AdHocRequest>('POST', '/requests', { json: body }),
  windows: () => request<{ items: BackfillWindow[] }>('GET', '/backfill-windows'),
  openWindow: (body: BackfillWindowInput) => request<BackfillWindow>('POST', '/backfill-windows', { json: body }),
  closeWindow: (id: number) => request<BackfillWindow>('POST', `/backfill-windows/${id}/close`),
  backfill: (obligationId: number, body: { true_sent_date: string; explanation: string }) =>
    request<{ id: number; key: string }>('POST', `/obligations/${obligationId}/backfill`, { json: body }),
};
