// Đăng nhập: username + password; shows the server's Vietnamese `detail` (bad credentials,
// locked account with the time it unlocks, revoked account).

import { useRef, useState } from 'preact/hooks';
import { auth } from '../api/client';
import type { Me } from '../api/types';
import { ErrorBox, Field, Notice } from '../components';

export function LoginScreen(props: { notice?: string; onLoggedIn: (m: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pwRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!username.trim() || !password) {
      setError(new Error('Vui lòng nhập tên đăng nhập và mật khẩu.'));
      return;
    }
    setBusy(true);
    try {
      const me = await auth.login(username.trim(), password);
      props.onLoggedIn(me);
    } catch (err) {
      setError(err);
      setPassword('');
      pwRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <div class="login-band" aria-hidden="true" />
      <main class="login-card" id="main">
        <div class="login-brand">
          <svg viewBox="0 0 32 32" width="48" height="48" aria-hidden="true">
            <circle cx="16" cy="16" r="15" fill="#c8102e" />
            <path
              d="M16 6.5l2.35 7.2h7.6l-6.15 4.45 2.35 7.2L16 20.9l-6.15 4.45 2.35-7.2-6.15-4.45h7.6z"
              fill="#ffd400"
            />
          </svg>
          <div>
            <p class="login-product">Báo cáo định kỳ</p>
            <p class="login-sub">Hệ thống thông tin báo cáo của cơ quan hành chính nhà nước</p>
          </div>
        </div>
        <h1>Đăng nhập</h1>
        {props.notice && !error && <Notice>{props.notice}</Notice>}
        <ErrorBox error={error} />
        <form onSubmit={submit} noValidate aria-label="Đăng nhập">
          <Field label="Tên đăng nhập" required>
            {(id) => (
              <input
                id={id}
                name="username"
                type="text"
                autoComplete="username"
                autoCapitalize="none"
                spellcheck={false}
                required
                autoFocus
                value={username}
                onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <Field label="Mật khẩu" required>
            {(id) => (
              <input
                id={id}
                ref={pwRef}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
              />
            )}
          </Field>
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
          </button>
        </form>
        <p class="login-foot">
          Tài khoản bị khóa tạm thời sau 5 lần nhập sai mật khẩu liên tiếp. Quên mật khẩu: liên hệ quản trị
          viên của đơn vị.
        </p>
        <p class="login-foot">
          <a href="/danh-muc-bao-cao">Danh mục báo cáo định kỳ đã công bố</a> (không cần đăng nhập)
        </p>
      </main>
    </div>
  );
}
