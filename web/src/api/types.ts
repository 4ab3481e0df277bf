// Wire types of the baocao HTTP API v1 — mirror of docs/api.md (the contract).
// Dates are "YYYY-MM-DD" strings; instants are RFC 3339 UTC strings.

export type ISODate = string;
export type Instant = string;

/** application/problem+json */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: ProblemItem[];
  /** 409 E3002_CONFLICT carries the current object */
  current?: unknown;
}
export interface ProblemItem {
  field?: string;
  message: string;
  /** import errors may name a row */
  row?: number;
}

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'user.read'
  | 'user.manage'
  | 'audit.read'
  | 'calendar.write'
  | 'system.manage'
  | (string & {});

export type RoleId =
  | 'system_admin'
  | 'unit_admin'
  | 'data_entry'
  | 'reviewer'
  | 'approver'
  | 'sender'
  | 'aggregator'
  | 'viewer'
  | 'inspector'
  | (string & {});

export interface User {
  id: number;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  birth_date: ISODate | null;
  unit_id: number;
  unit_name: string;
  must_change_password: boolean;
  revoked: boolean;
  locked_until: Instant | null;
  created_at: Instant;
  version: number;
}

export interface Grant {
  id: number;
  role: RoleId;
  role_label: string;
  unit_id: number;
  unit_name: string;
  include_subtree: boolean;
}

export interface UserDetail extends User {
  grants: Grant[];
}

export interface Me {
  user: User;
  grants: Grant[];
  csrf_token: string;
  must_change_password: boolean;
  password_expires_on: ISODate | null;
  permissions: Permission[];
}

export interface ApiToken {
  id: number;
  name: string;
  expires_on?: ISODate | null;
  created_at?: Instant;
  last_used_at?: Instant | null;
  [k: string]: unknown;
}

export type OrgTypeId =
  | 'province'
  | 'department'
  | 'commune'
  | 'district'
  | 'public_service'
  | 'vertical'
  | 'division'
  | (string & {});

export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  type: OrgTypeId;
  type_label: string;
  parent_id: number | null;
  level: number;
  valid_from: ISODate | null;
  valid_to: ISODate | null;
  version: number;
  child_count: number;
}

export interface PathItem {
  id: number;
  code: string;
  name: string;
}

export type LinkKind = 'merge' | 'split' | 'rename';

export interface Link {
  id: number;
  from_id: number;
  from_code: string;
  from_name: string;
  to_id: number;
  to_code: string;
  to_name: string;
  kind: LinkKind;
  share: number;
  effective: ISODate;
}

export interface OrgUnitDetail extends OrgUnit {
  path: PathItem[];
  predecessors: Link[];
  successors: Link[];
}

export interface IdLabel<T extends string = string> {
  id: T;
  label: string;
}

export interface Page<T> {
  items: T[];
  total?: number;
}

export interface OrgQuery {
  q?: string;
  parent_id?: number;
  roots?: boolean;
  active_on?: ISODate;
  type?: OrgTypeId;
  limit?: number;
  offset?: number;
}

export interface OrgCreate {
  code: string;
  name: string;
  type: OrgTypeId;
  parent_id?: number | null;
  valid_from?: ISODate | null;
  valid_to?: ISODate | null;
}

export interface OrgPatch {
  version: number;
  code?: string;
  name?: string;
  type?: OrgTypeId;
  parent_id?: number | null;
  valid_from?: ISODate | null;
  valid_to?: ISODate | null;
}

export interface LinkCreate {
  from_id: number;
  to_id: number;
  kind: LinkKind;
  share: number;
  effective: ISODate;
}

export type ExportFormat = 'json' | 'csv' | 'xlsx';

export interface ImportResult {
  created: number;
  links: number;
}

export interface UserQuery {
  q?: string;
  unit_id?: number;
  limit?: number;
  offset?: number;
}

export interface UserCreate {
  username: string;
  full_name: string;
  unit_id: number;
  email?: string;
  phone?: string;
  birth_date?: ISODate;
  password: string;
}

export interface UserPatch {
  version: number;
  full_name?: string;
  email?: string | null;
  phone?: string | null;
  birth_date?: ISODate | null;
  unit_id?: number;
}

export interface GrantCreate {
  role: RoleId;
  unit_id: number;
  include_subtree: boolean;
}

export interface AuditEntry {
  seq: number;
  at: Instant;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: number | string | null;
  unit_id: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  hash: string;
}

export interface AuditQuery {
  actor_id?: number;
  action?: string;
  entity_type?: string;
  entity_id?: number | string;
  from?: ISODate;
  to?: ISODate;
  before_seq?: number;
  limit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before_seq: number | null;
}

export type AuditVerify =
  | { ok: true; checked: number }
  | { ok: false; checked: number; first_bad_seq: number; problem: string };
