// Đổi mật khẩu. When `forced` (must_change_password), nothing else is reachable.
// A weak password answers 422 E2006_WEAK_PASSWORD with one errors[] item per unmet rule;
// each is listed.

import { useState } from 'preact/hooks';
import { ApiError, auth } from '../api/client';
import type { Me } from '../api/types';
import { ErrorBox, Field, Notice } from '../components';

export function ChangePasswordScreen(props: { me: Me; forced: boolean; onChanged: (m: Me) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [rules, setRules] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setRules([]);
    setDone(false);
    if (!current || !next) {
      setError(new Error('Vui lòng nhập mật khẩu hiện tại và mật khẩu mới.'));
      return;
    }
    if (next !== again) {
      setError(new Error('Mật khẩu nhập lại không khớp với mật khẩu mới.'));
      return;
    }
    setBusy(true);
    try {
      const me = await auth.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      props.onChanged(me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        setRules(err.problem.errors.map((it) => it.message));
        setError(null);
      } else if (err instanceof ApiError && err.status === 401) {
        // wrong current password — or the session is gone: check which
        try {
          await auth.me();
          setError(err);
        } catch {
          location.reload();
        }
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page page-narrow" aria-labelledby="pw-title">
      <h1 id="pw-title">Đổi mật khẩu</h1>
      {props.forced && (
        <Notice kind="warn">
          Bạn cần đổi mật khẩu trước khi sử dụng hệ thống (lần đăng nhập đầu tiên, mật khẩu vừa được đặt
          lại hoặc đã quá 90 ngày).
        </Notice>
      )}
      {done && !props.forced && <Notice kind="ok">Đã đổi mật khẩu thành công.</Notice>}
      <ErrorBox error={error} />
      {rules.length > 0 && (
        <div class="alert alert-error" role="alert" id="pw-rules">
          <p>Mật khẩu mới chưa đạt yêu cầu:</p>
          <ul class="error-items">
            {rules.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <form class="card" onSubmit={submit} noValidate aria-label="Đổi mật khẩu">
        <input type="text" name="username" autoComplete="username" value={props.me.user.username} hidden readOnly />
        <Field label="Mật khẩu hiện tại" required>
          {(id) => (
            <input
              id={id}
              type="password"
              name="current_password"
              autoComplete="current-password"
              autoFocus
              value={current}
              onInput={(e) => setCurrent((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field
          label="Mật khẩu mới"
          required
          hint="Ít nhất 8 ký tự, gồm chữ in hoa, chữ thường, chữ số và ký tự đặc biệt; không chứa tên, ngày sinh hoặc số điện thoại của bạn."
        >
          {(id, hint) => (
            <input
              id={id}
              type="password"
              name="new_password"
              autoComplete="new-password"
              aria-describedby={[hint, rules.length ? 'pw-rules' : ''].filter(Boolean).join(' ')}
              aria-invalid={rules.length > 0}
              value={next}
              onInput={(e) => setNext((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới" required>
          {(id) => (
            <input
              id={id}
              type="password"
              name="new_password_again"
              autoComplete="new-password"
              value={again}
              onInput={(e) => setAgain((e.target as HTMLInputElement).value)}
            />
          )}
        </Field>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
          </button>
        </div>
      </form>
    </section>
  );
}
