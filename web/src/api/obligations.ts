// Obligations: "what do I owe" and the receiver's view (/api/v1/me/obligations,
// /api/v1/obligations; src/http/openapi/obligations.json).

import { request, buildQuery } from './client';

export interface UnitRef { id: number; code: string; name: string }
export interface PeriodRef { id: string; type: string; label: string }
export interface Countdown { overdue: boolean; calendar_days: number; working_days: number; text: string }
export interface OwedItem {
  key: string;
  kind: 'periodic' | 'ad_hoc' | 'cascade';
  regime_code: string;
  regime_name: string;
  title: string;
  period: PeriodRef | null;
  unit: UnitRef;
  receiving_unit: UnitRef;
  assigned_on: string;
  deadline: string;
  amendment_deadline: string;
  approval_deadline: string | null;
  state: string;
  state_label: string;
  done: boolean;
  countdown: Countdown;
  actions: { id: string; label: string }[];
  next_step: string;
  /** store id, used in /obligations/{id}/… URLs */
  id: number;
  parent_key: string | null;
}
export interface OwedList { today: string; open: number; overdue: number; items: OwedItem[] }

export interface ReceivedItem {
  key: string;
  unit: UnitRef;
  period: PeriodRef | null;
  deadline: string;
  state: string;
  state_label: string;
  first_sent_at: string | null;
  compliance: {
    status: 'pending' | 'on_time' | 'late' | 'not_submitted';
    label: string;
    note: string;
    counted_sent_date?: string | null;
    backfilled?: boolean;
  };
  id?: number;
  kind?: 'periodic' | 'ad_hoc' | 'cascade';
  backfill?: { window_id: number; true_sent_date: string; explanation: string; recorded_at: string } | null;
}
export interface ReceivedList {
  today: string;
  regime: { code: string; name: string };
  period: string | null;
  summary: { total: number; on_time: number; late: number; not_submitted: number; pending: number; text: string };
  items: ReceivedItem[];
}

export interface Summary { total: number; on_time: number; late: number; not_submitted: number; pending: number; text: string }
export interface ReceivedGroup {
  regime_code: string;
  regime_name: string;
  period: PeriodRef | null;
  receiving_unit: UnitRef;
  deadline: string;
  summary: Summary;
}

export const obligations = {
  mine: () => request<OwedList>('GET', '/me/obligations'),
  receivedGroups: () => request<{ today: string; items: ReceivedGroup[] }>('GET', '/me/received'),
  received: (regime: string, period?: string) =>
    request<ReceivedList>('GET', '/obligations' + buildQuery({ regime, period: period || undefined })),
};
