// Typed client for the baocao HTTP API v1 (docs/api.md).
//
// - Cookie session: every unsafe request (POST/PUT/PATCH/DELETE) sends X-CSRF-Token.
// - Errors are application/problem+json and are thrown as ApiError (Vietnamese `detail`).
// - A 401 outside the login / change-password forms calls the `onUnauthorized` hook
//   (the app goes back to the login screen); a 428 calls `onPasswordChangeRequired`.

import type {
  ApiToken,
  AuditPage,
  AuditQuery,
  AuditVerify,
  ExportFormat,
  Grant,
  GrantCreate,
  IdLabel,
  ImportResult,
  Link,
  LinkCreate,
  Me,
  OrgCreate,
  OrgPatch,
  OrgQuery,
  OrgTypeId,
  OrgUnit,
  OrgUnitDetail,
  Page,
  Problem,
  RoleId,
  User,
  UserCreate,
  UserDetail,
  UserPatch,
  UserQuery,
} from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Lỗi ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

type Hook = () => void;
let csrfToken = '';
let onUnauthorized: Hook = () => {};
let onPasswordChangeRequired: Hook = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setAuthHooks(h: { unauthorized?: Hook; passwordChangeRequired?: Hook }): void {
  if (h.unauthorized) onUnauthorized = h.unauthorized;
  if (h.passwordChangeRequired) onPasswordChangeRequired = h.passwordChangeRequired;
}

type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(q?: Record<string, QueryValue>): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'boolean') {
      if (v) p.set(k, '1');
      continue;
    }
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  /** do not call the global 401 hook (login and password forms handle 401 themselves) */
  own401?: boolean;
  /** return the raw Response (downloads) */
  raw?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function toProblem(res: Response): Promise<Problem> {
  const ct = res.headers.get('Content-Type') || '';
  if (ct.includes('json')) {
    try {
      const p = (await res.json()) as Problem;
      if (p && typeof p === 'object') return { ...p, status: p.status || res.status };
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: defaultTitle(res.status), detail: defaultTitle(res.status) };
}

function defaultTitle(status: number): string {
  switch (status) {
    case 400: return 'Yêu cầu không hợp lệ';
    case 401: return 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại';
    case 403: return 'Bạn không có quyền thực hiện thao tác này';
    case 404: return 'Không tìm thấy dữ liệu';
    case 409: return 'Dữ liệu đã được người khác thay đổi';
    case 413: return 'Dữ liệu gửi lên quá lớn';
    case 415: return 'Định dạng dữ liệu không được hỗ trợ';
    case 422: return 'Dữ liệu không hợp lệ';
    case 423: return 'Tài khoản đang bị tạm khóa';
    case 428: return 'Cần đổi mật khẩu trước khi tiếp tục';
    default: return status >= 500 ? 'Lỗi máy chủ, vui lòng thử lại sau' : `Lỗi ${status}`;
  }
}

export async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (o.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.json);
  } else if (o.body !== undefined) {
    body = o.body;
    if (o.contentType) headers['Content-Type'] = o.contentType;
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const url = path.startsWith('/api/') || path.startsWith('/healthz') ? path : API_BASE + path;
  let res: Response;
  try {
    res = await fetch(url + buildQuery(o.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({
      status: 0,
      title: 'Không kết nối được máy chủ',
      detail: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    });
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401 && !o.own401) onUnauthorized();
    if (res.status === 428) onPasswordChangeRequired();
    throw new ApiError(problem);
  }
  if (o.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const ct = res.headers.get('Content-Type') || '';
  if (!ct.includes('json')) return (await res.text()) as unknown as T;
  return (await res.json()) as T;
}

// ---------------------------------------------------------------- auth
export const auth = {
  login: (username: string, password: string) =>
    request<Me>('POST', '/auth/login', { json: { username, password }, own401: true }),
  logout: () => request<void>('POST', '/auth/logout', { own401: true }),
  me: () => request<Me>('GET', '/auth/me', { own401: true }),
  changePassword: (current_password: string, new_password: string) =>
    request<Me>('POST', '/auth/change-password', {
      json: { current_password, new_password },
      own401: true,
    }),
  tokens: () => request<{ items: ApiToken[] }>('GET', '/auth/tokens'),
  createToken: (name: string, expires_on?: string) =>
    request<{ token: string; item: ApiToken }>('POST', '/auth/tokens', {
      json: expires_on ? { name, expires_on } : { name },
    }),
  revokeToken: (id: number) => request<void>('DELETE', `/auth/tokens/${id}`),
};

// ---------------------------------------------------------------- organisation tree
export const orgs = {
  list: (q: OrgQuery) =>
    request<Page<OrgUnit>>('GET', '/orgs', { query: q as Record<string, QueryValue> }),
  types: () => request<{ items: IdLabel<OrgTypeId>[] }>('GET', '/orgs/types'),
  get: (id: number) => request<OrgUnitDetail>('GET', `/orgs/${id}`),
  create: (body: OrgCreate) => request<OrgUnit>('POST', '/orgs', { json: body }),
  update: (id: number, body: OrgPatch) => request<OrgUnit>('PATCH', `/orgs/${id}`, { json: body }),
  addLink: (body: LinkCreate) => request<Link>('POST', '/orgs/links', { json: body }),
  removeLink: (id: number) => request<void>('DELETE', `/orgs/links/${id}`),
  exportUrl: (format: ExportFormat, root_id?: number) =>
    `${API_BASE}/orgs/export${buildQuery({ format, root_id })}`,
  /** downloads the export; returns the file name and blob */
  export: async (format: ExportFormat, root_id?: number) => {
    const res = await request<Response>('GET', '/orgs/export', {
      query: { format, root_id },
      raw: true,
    });
    const blob = await res.blob();
    return { blob, filename: filenameFrom(res, `don-vi.${format}`) };
  },
  import: (file: Blob, format: ExportFormat) =>
    request<ImportResult>('POST', '/orgs/import', {
      query: { format },
      body: file,
      contentType: IMPORT_CONTENT_TYPES[format],
    }),
};

export const IMPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') || '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* ignore */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

// ---------------------------------------------------------------- users and roles
export const roles = {
  list: () => request<{ items: IdLabel<RoleId>[] }>('GET', '/roles'),
};

export const users = {
  list: (q: UserQuery) =>
    request<{ items: User[] }>('GET', '/users', { query: q as Record<string, QueryValue> }),
  create: (body: UserCreate) => request<User>('POST', '/users', { json: body }),
  get: (id: number) => request<UserDetail>('GET', `/users/${id}`),
  update: (id: number, body: UserPatch) => request<User>('PATCH', `/users/${id}`, { json: body }),
  resetPassword: (id: number, password: string) =>
    request<User>('POST', `/users/${id}/reset-password`, { json: { password } }),
  revoke: (id: number) => request<User>('POST', `/users/${id}/revoke`),
  addGrant: (id: number, body: GrantCreate) =>
    request<Grant>('POST', `/users/${id}/grants`, { json: body }),
  removeGrant: (id: number, grantId: number) =>
    request<void>('DELETE', `/users/${id}/grants/${grantId}`),
};

// ---------------------------------------------------------------- audit
export const audit = {
  list: (q: AuditQuery) =>
    request<AuditPage>('GET', '/audit', { query: q as Record<string, QueryValue> }),
  verify: () => request<AuditVerify>('GET', '/audit/verify'),
};

/** Vietnamese message for any thrown value */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.problem.detail || e.problem.title || e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
