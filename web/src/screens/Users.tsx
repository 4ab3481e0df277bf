// Người dùng và phân quyền: list/search accounts, create, edit, reset password, revoke,
// add/remove role grants (role from GET /roles, unit picker with accent-insensitive search).

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, roles as rolesApi, users as usersApi } from '../api/client';
import type { Grant, IdLabel, Me, OrgUnit, RoleId, User, UserDetail } from '../api/types';
import { DateInput, Dialog, ErrorBox, Field, Notice, Spinner, UnitPicker, badDates } from '../components';
import { fmtDate, fmtInstant, fmtNumber } from '../format';
import { linkClick, navigate } from '../router';

const PAGE = 50;

function statusOf(u: User): { label: string; cls: string }[] {
  const out: { label: string; cls: string }[] = [];
  if (u.revoked) out.push({ label: 'Đã thu hồi', cls: 'badge-danger' });
  else if (u.locked_until && Date.parse(u.locked_until) > Date.now())
    out.push({ label: `Tạm khóa đến ${fmtInstant(u.locked_until)}`, cls: 'badge-warn' });
  else out.push({ label: 'Đang hoạt động', cls: 'badge-ok' });
  if (!u.revoked && u.must_change_password) out.push({ label: 'Chờ đổi mật khẩu', cls: 'badge-muted' });
  return out;
}

export function UsersScreen(props: { me: Me; path: string }) {
  const canManage = props.me.permissions.includes('user.manage');
  const m = /^\/users\/(\d+)/.exec(props.path);
  const selectedId = m ? Number(m[1]) : null;

  const [q, setQ] = useState('');
  const [unit, setUnit] = useState<OrgUnit | null>(null);
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<User[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [roleList, setRoleList] = useState<IdLabel<RoleId>[]>([]);
  const [creating, setCreating] = useState(false);
  const [flash, setFlash] = useState('');

  useEffect(() => {
    rolesApi
      .list()
      .then((r) => setRoleList(r.items))
      .catch(() => {});
  }, []);

  useEffect(() => {
    let stale = false;
    const t = setTimeout(async () => {
      try {
        const r = await usersApi.list({ q: q.trim() || undefined, unit_id: unit?.id, limit: PAGE, offset });
        if (!stale) {
          setList(r.items);
          setListError(null);
        }
      } catch (e) {
        if (!stale) setListError(e);
      }
    }, 250);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [q, unit?.id, offset, reloadKey]);

  const refresh = () => setReloadKey((k) => k + 1);

  return (
    <section class={`page users${selectedId !== null ? ' has-detail' : ''}`} aria-labelledby="users-title">
      <div class="page-head">
        <h1 id="users-title">Người dùng và phân quyền</h1>
        <div class="page-actions">
          {canManage && (
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              Tạo tài khoản
            </button>
          )}
        </div>
      </div>
      {flash && (
        <Notice kind="ok">
          {flash}{' '}
          <button type="button" class="btn-link" onClick={() => setFlash('')}>
            Ẩn
          </button>
        </Notice>
      )}
      <div class="split">
        <div class="pane pane-tree">
          <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for="user-q">Tìm người dùng</label>
              <input
                id="user-q"
                type="search"
                placeholder="Họ tên hoặc tên đăng nhập"
                value={q}
                onInput={(e) => {
                  setQ((e.target as HTMLInputElement).value);
                  setOffset(0);
                }}
              />
            </div>
            <div class="field">
              <label for="user-unit">Đơn vị</label>
              <UnitPicker
                id="user-unit"
                value={unit}
                placeholder="Tất cả đơn vị trong phạm vi"
                onChange={(u) => {
                  setUnit(u);
                  setOffset(0);
                }}
              />
            </div>
          </form>
          <ErrorBox error={listError} />
          {list === null && !listError ? (
            <Spinner />
          ) : list && list.length === 0 ? (
            <p class="muted">Không có người dùng phù hợp.</p>
          ) : list ? (
            <>
              <ul class="result-list" aria-label="Danh sách người dùng">
                {list.map((u) => (
                  <li key={u.id}>
                    <a
                      href={`/users/${u.id}`}
                      onClick={linkClick}
                      class={`result${u.id === selectedId ? ' selected' : ''}`}
                      aria-current={u.id === selectedId ? 'true' : undefined}
                    >
                      <span class="result-name">
                        {u.full_name}
                        {statusOf(u).map((s) =>
                          s.cls === 'badge-ok' ? null : (
                            <span key={s.label} class={`badge ${s.cls}`}>
                              {s.label}
                            </span>
                          ),
                        )}
                      </span>
                      <span class="result-sub">
                        {u.username} · {u.unit_name}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
              <div class="pager">
                <button type="button" class="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  ‹ Trang trước
                </button>
                <span class="muted small">
                  {fmtNumber(offset + 1)}–{fmtNumber(offset + list.length)}
                </span>
                <button type="button" class="btn" disabled={list.length < PAGE} onClick={() => setOffset(offset + PAGE)}>
                  Trang sau ›
                </button>
              </div>
            </>
          ) : null}
        </div>
        <div class="pane pane-detail">
          {selectedId === null ? (
            <div class="empty-detail">
              <p>Chọn một người dùng để xem thông tin và phân quyền.</p>
            </div>
          ) : (
            <UserPanel
              key={selectedId}
              id={selectedId}
              me={props.me}
              canManage={canManage}
              roles={roleList}
              onChanged={refresh}
            />
          )}
        </div>
      </div>
      {creating && (
        <UserCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(u) => {
            setCreating(false);
            setFlash(`Đã tạo tài khoản “${u.username}”. Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.`);
            refresh();
            navigate(`/users/${u.id}`);
          }}
        />
      )}
    </section>
  );
}

// ---------------------------------------------------------------- detail

function UserPanel(props: {
  id: number;
  me: Me;
  canManage: boolean;
  roles: IdLabel<RoleId>[];
  onChanged: () => void;
}) {
  const [u, setU] = useState<UserDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [msg, setMsg] = useState('');
  const [dialog, setDialog] = useState<null | 'edit' | 'reset' | 'revoke' | 'grant'>(null);
  const [removing, setRemoving] = useState<Grant | null>(null);

  const load = async () => {
    try {
      setU(await usersApi.get(props.id));
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    void load();
  }, [props.id]);

  const done = (text: string) => {
    setDialog(null);
    setRemoving(null);
    setMsg(text);
    setActionError(null);
    void load();
    props.onChanged();
  };

  if (error)
    return (
      <>
        <a class="back-link" href="/users" onClick={linkClick}>
          ← Danh sách người dùng
        </a>
        <ErrorBox error={error} />
      </>
    );
  if (!u) return <Spinner />;
  const self = u.id === props.me.user.id;

  return (
    <article class="detail" aria-labelledby="user-title">
      <a class="back-link" href="/users" onClick={linkClick}>
        ← Danh sách người dùng
      </a>
      <h2 id="user-title">{u.full_name}</h2>
      <p class="badges">
        {statusOf(u).map((s) => (
          <span key={s.label} class={`badge ${s.cls}`}>
            {s.label}
          </span>
        ))}
      </p>
      {msg && <Notice kind="ok">{msg}</Notice>}
      <ErrorBox error={actionError} />
      <dl class="props">
        <dt>Tên đăng nhập</dt>
        <dd>
          <code>{u.username}</code>
        </dd>
        <dt>Đơn vị</dt>
        <dd>{u.unit_name}</dd>
        <dt>Thư điện tử</dt>
        <dd>{u.email || '—'}</dd>
        <dt>Số điện thoại</dt>
        <dd>{u.phone || '—'}</dd>
        <dt>Ngày sinh</dt>
        <dd>{u.birth_date ? fmtDate(u.birth_date) : '—'}</dd>
        <dt>Ngày tạo</dt>
        <dd>{fmtInstant(u.created_at)}</dd>
      </dl>
      {props.canManage && (
        <div class="detail-actions">
          <button type="button" class="btn" onClick={() => setDialog('edit')} disabled={u.revoked}>
            Sửa thông tin
          </button>
          <button type="button" class="btn" onClick={() => setDialog('reset')} disabled={u.revoked}>
            Đặt lại mật khẩu
          </button>
          <button
            type="button"
            class="btn btn-danger"
            onClick={() => setDialog('revoke')}
            disabled={u.revoked || self}
            title={self ? 'Không thể tự thu hồi tài khoản của mình' : undefined}
          >
            Thu hồi tài khoản
          </button>
        </div>
      )}
      <div class="section-head">
        <h3>Vai trò được cấp</h3>
        {props.canManage && !u.revoked && (
          <button type="button" class="btn btn-primary" onClick={() => setDialog('grant')}>
            Cấp quyền
          </button>
        )}
      </div>
      {u.grants.length === 0 ? (
        <p class="muted">Chưa được cấp vai trò nào.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">Vai trò của {u.full_name}</caption>
            <thead>
              <tr>
                <th scope="col">Vai trò</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Phạm vi</th>
                {props.canManage && (
                  <th scope="col">
                    <span class="sr-only">Thao tác</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {u.grants.map((g) => (
                <tr key={g.id}>
                  <td>{g.role_label}</td>
                  <td>{g.unit_name}</td>
                  <td>{g.include_subtree ? 'Cả đơn vị trực thuộc' : 'Chỉ đơn vị này'}</td>
                  {props.canManage && (
                    <td class="num">
                      <button
                        type="button"
                        class="btn-link danger"
                        aria-label={`Gỡ vai trò ${g.role_label} tại ${g.unit_name}`}
                        onClick={() => setRemoving(g)}
                      >
                        Gỡ
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog === 'edit' && <UserEditDialog u={u} onClose={() => setDialog(null)} onSaved={() => done('Đã lưu thông tin tài khoản.')} />}
      {dialog === 'reset' && (
        <ResetPasswordDialog
          u={u}
          onClose={() => setDialog(null)}
          onSaved={() => done('Đã đặt lại mật khẩu. Người dùng phải đổi mật khẩu ở lần đăng nhập tới; các phiên đang mở đã kết thúc.')}
        />
      )}
      {dialog === 'revoke' && (
        <ConfirmDialog
          title="Thu hồi tài khoản"
          confirmLabel="Thu hồi"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await usersApi.revoke(u.id);
            done('Đã thu hồi tài khoản; mọi phiên đăng nhập và mã truy cập đã kết thúc.');
          }}
        >
          <p>
            Thu hồi tài khoản <strong>{u.username}</strong> ({u.full_name})? Người dùng sẽ không đăng nhập được nữa,
            mọi phiên đăng nhập và mã truy cập API bị kết thúc ngay.
          </p>
        </ConfirmDialog>
      )}
      {removing && (
        <ConfirmDialog
          title="Gỡ vai trò"
          confirmLabel="Gỡ vai trò"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await usersApi.removeGrant(u.id, removing.id);
            done(`Đã gỡ vai trò ${removing.role_label} tại ${removing.unit_name}.`);
          }}
        >
          <p>
            Gỡ vai trò <strong>{removing.role_label}</strong> tại <strong>{removing.unit_name}</strong> của {u.full_name}?
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'grant' && (
        <GrantDialog
          u={u}
          roles={props.roles}
          onClose={() => setDialog(null)}
          onSaved={(g) => done(`Đã cấp vai trò ${g.role_label} tại ${g.unit_name}.`)}
        />
      )}
    </article>
  );
}

// ---------------------------------------------------------------- dialogs

function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onClose: () => void;
  onConfirm: () => Promise<void>;
  children: ComponentChildren;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <ErrorBox error={error} />
      {props.children}
      <div class="form-actions">
        <button type="button" class="btn" onClick={props.onClose} autoFocus>
          Hủy
        </button>
        <button
          type="button"
          class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await props.onConfirm();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** a random password that satisfies the policy (upper, lower, digit, special, 14 chars) */
function randomPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '@#$%&*!?'];
  const all = sets.join('');
  const rnd = (n: number) => {
    const a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return a[0] % n;
  };
  const chars = sets.map((s) => s[rnd(s.length)]);
  while (chars.length < 14) chars.push(all[rnd(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rnd(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

function PasswordInput(props: { id: string; value: string; onInput: (v: string) => void; describedBy?: string }) {
  const [show, setShow] = useState(false);
  return (
    <div class="pw-input">
      <input
        id={props.id}
        type={show ? 'text' : 'password'}
        autoComplete="new-password"
        aria-describedby={props.describedBy}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      <button type="button" class="btn btn-small" onClick={() => setShow(!show)} aria-pressed={show}>
        {show ? 'Ẩn' : 'Hiện'}
      </button>
      <button
        type="button"
        class="btn btn-small"
        onClick={() => {
          props.onInput(randomPassword());
          setShow(true);
        }}
      >
        Tạo ngẫu nhiên
      </button>
    </div>
  );
}

const PW_HINT =
  'Ít nhất 8 ký tự, có chữ in hoa, chữ thường, chữ số, ký tự đặc biệt; không chứa tên, ngày sinh, số điện thoại. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.';

function UserCreateDialog(props: { onClose: () => void; onCreated: (u: User) => void }) {
  const [f, setF] = useState({ username: '', full_name: '', email: '', phone: '', birth_date: '', password: '' });
  const [unit, setUnit] = useState<OrgUnit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!unit) {
      setError(new Error('Vui lòng chọn đơn vị công tác của người dùng.'));
      return;
    }
    const bad = badDates({ 'Ngày sinh': f.birth_date });
    if (bad) {
      setError(bad);
      return;
    }
    setBusy(true);
    try {
      const u = await usersApi.create({
        username: f.username.trim(),
        full_name: f.full_name.trim(),
        unit_id: unit.id,
        password: f.password,
        ...(f.email.trim() ? { email: f.email.trim() } : {}),
        ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
        ...(f.birth_date ? { birth_date: f.birth_date } : {}),
      });
      props.onCreated(u);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Tạo tài khoản người dùng" onClose={props.onClose} wide>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <div class="grid2">
          <Field label="Tên đăng nhập" required>
            {(id) => <input id={id} autoComplete="off" autoFocus value={f.username} onInput={set('username')} />}
          </Field>
          <Field label="Họ và tên" required>
            {(id) => <input id={id} value={f.full_name} onInput={set('full_name')} />}
          </Field>
        </div>
        <Field label="Đơn vị công tác" required>
          {(id) => <UnitPicker id={id} value={unit} onChange={setUnit} required />}
        </Field>
        <div class="grid3">
          <Field label="Thư điện tử">
            {(id) => <input id={id} type="email" value={f.email} onInput={set('email')} />}
          </Field>
          <Field label="Số điện thoại">
            {(id) => <input id={id} type="tel" value={f.phone} onInput={set('phone')} />}
          </Field>
          <Field label="Ngày sinh">
            {(id) => <DateInput id={id} value={f.birth_date} onChange={(v) => setF({ ...f, birth_date: v })} />}
          </Field>
        </div>
        <Field label="Mật khẩu ban đầu" required hint={PW_HINT}>
          {(id, hint) => (
            <PasswordInput id={id} value={f.password} onInput={(v) => setF({ ...f, password: v })} describedBy={hint} />
          )}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang tạo…' : 'Tạo tài khoản'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function UserEditDialog(props: { u: UserDetail; onClose: () => void; onSaved: () => void }) {
  const u = props.u;
  const [f, setF] = useState({
    full_name: u.full_name,
    email: u.email || '',
    phone: u.phone || '',
    birth_date: u.birth_date || '',
  });
  const [unit, setUnit] = useState<OrgUnit | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const bad = badDates({ 'Ngày sinh': f.birth_date });
    if (bad) {
      setError(bad);
      return;
    }
    const patch: Record<string, unknown> = { version: u.version };
    if (f.full_name.trim() !== u.full_name) patch.full_name = f.full_name.trim();
    if ((f.email.trim() || null) !== (u.email || null)) patch.email = f.email.trim() || null;
    if ((f.phone.trim() || null) !== (u.phone || null)) patch.phone = f.phone.trim() || null;
    if ((f.birth_date || null) !== (u.birth_date || null)) patch.birth_date = f.birth_date || null;
    if (unit && unit.id !== u.unit_id) patch.unit_id = unit.id;
    if (Object.keys(patch).length === 1) {
      props.onClose();
      return;
    }
    setBusy(true);
    try {
      await usersApi.update(u.id, patch as { version: number });
      props.onSaved();
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 409
          ? new Error('Dữ liệu đã được người khác thay đổi. Hãy đóng hộp thoại, tải lại và sửa lại.')
          : err,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Sửa tài khoản “${u.username}”`} onClose={props.onClose} wide>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Họ và tên" required>
          {(id) => <input id={id} autoFocus value={f.full_name} onInput={set('full_name')} />}
        </Field>
        <Field label="Chuyển sang đơn vị khác" hint={`Hiện tại: ${u.unit_name}. Để trống nếu không đổi.`}>
          {(id, hint) => <UnitPicker id={id} value={unit} onChange={setUnit} describedBy={hint} />}
        </Field>
        <div class="grid3">
          <Field label="Thư điện tử">
            {(id) => <input id={id} type="email" value={f.email} onInput={set('email')} />}
          </Field>
          <Field label="Số điện thoại">
            {(id) => <input id={id} type="tel" value={f.phone} onInput={set('phone')} />}
          </Field>
          <Field label="Ngày sinh">
            {(id) => <DateInput id={id} value={f.birth_date} onChange={(v) => setF({ ...f, birth_date: v })} />}
          </Field>
        </div>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Lưu thay đổi
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPasswordDialog(props: { u: User; onClose: () => void; onSaved: () => void }) {
  const [pw, setPw] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await usersApi.resetPassword(props.u.id, pw);
      props.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Đặt lại mật khẩu cho “${props.u.username}”`} onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Mật khẩu mới" required hint={PW_HINT}>
          {(id, hint) => <PasswordInput id={id} value={pw} onInput={setPw} describedBy={hint} />}
        </Field>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Đặt lại mật khẩu
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function GrantDialog(props: { u: UserDetail; roles: IdLabel<RoleId>[]; onClose: () => void; onSaved: (g: Grant) => void }) {
  const [role, setRole] = useState<RoleId>(props.roles.find((r) => r.id === 'data_entry')?.id || props.roles[0]?.id || '');
  const [unit, setUnit] = useState<OrgUnit | null>(null);
  const [subtree, setSubtree] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!unit) {
      setError(new Error('Vui lòng chọn đơn vị áp dụng vai trò.'));
      return;
    }
    setBusy(true);
    try {
      const g = await usersApi.addGrant(props.u.id, { role, unit_id: unit.id, include_subtree: subtree });
      props.onSaved(g);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Cấp quyền cho ${props.u.full_name}`} onClose={props.onClose}>
      <ErrorBox error={error} />
      <form onSubmit={submit} noValidate>
        <Field label="Vai trò" required>
          {(id) => (
            <select id={id} value={role} autoFocus onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
              {props.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tại đơn vị" required>
          {(id) => <UnitPicker id={id} value={unit} onChange={setUnit} required />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={subtree} onChange={(e) => setSubtree((e.target as HTMLInputElement).checked)} />
          Áp dụng cho cả các đơn vị trực thuộc
        </label>
        <div class="form-actions">
          <button type="button" class="btn" onClick={props.onClose}>
            Hủy
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || !role}>
            Cấp quyền
          </button>
        </div>
      </form>
    </Dialog>
  );
}
