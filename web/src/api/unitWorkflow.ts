// A unit's internal workflow (1–3 steps) and approval delegations (000 Đ6):
// /api/v1/orgs/{id}/workflow, /api/v1/orgs/{id}/delegations (src/http/openapi/reports.json,
// docs/api.md "Reports", docs/domain/workflow.md "Internal steps per unit", "Delegation").

import { request } from './client';
import type { Person } from './reports';

export interface UnitWorkflow {
  unit_id: number;
  internal_steps: number;
  configured: boolean;
  updated_by: Person | null;
  updated_at: string | null;
}
export interface Delegation {
  id: number;
  unit_id: number;
  delegator: Person;
  delegate: Person;
  regime_code: string;
  valid_from: string;
  valid_to: string;
  revoked: boolean;
  active: boolean;
}
export interface DelegationRequest {
  delegate_user_id: number;
  regime_code?: string;
  valid_from: string;
  valid_to: string;
}

export const unitWorkflow = {
  get: (unit: number) => request<UnitWorkflow>('GET', `/orgs/${unit}/workflow`),
  set: (unit: number, internal_steps: number) =>
    request<UnitWorkflow>('PUT', `/orgs/${unit}/workflow`, { json: { internal_steps } }),
  delegations: (unit: number) => request<{ items: Delegation[] }>('GET', `/orgs/${unit}/delegations`),
  delegate: (unit: number, body: DelegationRequest) =>
    request<Delegation>('POST', `/orgs/${unit}/delegations`, { json: body }),
  revoke: (unit: number, id: number) => request<Delegation>('POST', `/orgs/${unit}/delegations/${id}/revoke`),
};
