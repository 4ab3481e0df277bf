// Application shell: session state, header with user menu, left navigation, routes.

import { useEffect, useRef, useState } from 'preact/hooks';
import { auth, setAuthHooks, setCsrfToken } from './api/client';
import type { Me, Permission } from './api/types';
import { Spinner } from './components';
import { fmtDate, todayISO } from './format';
import { linkClick, navigate, useLocation } from './router';
import { AuditScreen } from './screens/Audit';
import { CalendarScreen } from './screens/Calendar';
import { ChangePasswordScreen } from './screens/ChangePassword';
import { LoginScreen } from './screens/Login';
import { OrgsScreen } from './screens/Orgs';
import { OwedScreen } from './screens/Owed';
import { PublicCatalogScreen } from './screens/PublicCatalog';
import { RegimesScreen } from './screens/Regimes';
import { ReportScreen } from './screens/Report';
import { ConsolidationScreen } from './screens/Consolidation';
import { UsersScreen } from './screens/Users';
import { IndicatorsScreen } from './screens/Indicators';
import { TargetsScreen } from './screens/Targets';
import { RequestsScreen } from './screens/Requests';
import { BackfillScreen } from './screens/Backfill';
import { AnnouncementBanner } from './notify/Banner';
import { NotificationBell } from './notify/Bell';
import { NOTIFY_NAV, notifyScreen } from './notify/routes';

interface NavItem {
  path: string;
  label: string;
  /** undefined: every logged-in user */
  perm?: Permission;
  icon: string;
}

export const NAV: NavItem[] = [
  { path: '/owed', label: 'Việc cần làm', icon: 'M9 5h11M9 12h11M9 19h11M4 5l1 1 2-2M4 12l1 1 2-2M4 19l1 1 2-2' },
  { path: '/orgs', label: 'Cơ cấu tổ chức', perm: 'org.read', icon: 'M3 3h6v4H3zM15 3h6v4h-6zM9 17h6v4H9zM6 7v4h12V7M12 11v6' },
  { path: '/users', label: 'Người dùng và phân quyền', perm: 'user.read', icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6' },
  { path: '/audit', label: 'Nhật ký hệ thống', perm: 'audit.read', icon: 'M6 3h9l4 4v14H6zM9 10h7M9 14h7M9 18h4' },
  { path: '/regimes', label: 'Chế độ báo cáo', icon: 'M5 3h10l4 4v14H5zM8 9h8M8 13h8M8 17h5M15 3v4h4' },
  { path: '/calendar', label: 'Lịch báo cáo', icon: 'M4 5h16v16H4zM4 10h16M8 3v4M16 3v4M8 14h2M14 14h2M8 17h2' },
  { path: '/indicators', label: 'Danh mục chỉ tiêu', icon: 'M4 4h16v16H4zM8 8h8M8 12h8M8 16h5' },
  { path: '/targets', label: 'Chỉ tiêu kế hoạch', icon: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 11v2h0' },
  { path: '/requests', label: 'Báo cáo đột xuất', icon: 'M12 3l9 16H3zM12 10v4M12 17v.5' },
  { path: '/backfill', label: 'Cửa sổ nhập bù', perm: 'system.manage', icon: 'M4 4h16v12H4zM8 20h8M12 16v4M8 10l3 3 5-5' },
  ...NOTIFY_NAV,
];

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [state, setState] = useState<'loading' | 'anon' | 'authed'>('loading');
  const [notice, setNotice] = useState('');
  const loc = useLocation();

  const acceptMe = (m: Me) => {
    setCsrfToken(m.csrf_token);
    setMe(m);
    setState('authed');
  };

  useEffect(() => {
    setAuthHooks({
      unauthorized: () => {
        setCsrfToken('');
        setMe(null);
        setState('anon');
        setNotice('Phiên đăng nhập đã hết hạn hoặc đã bị kết thúc. Vui lòng đăng nhập lại.');
      },
      passwordChangeRequired: () => {
        auth.me().then(acceptMe).catch(() => {});
      },
    });
    auth
      .me()
      .then(acceptMe)
      .catch(() => setState('anon'));
  }, []);

  useEffect(() => {
    // on phones the navigation is a horizontal strip: keep the current item in view
    document
      .querySelector('.sidenav [aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const title = NAV.find((n) => loc.path.startsWith(n.path))?.label;
    document.title = title ? `${title} – Báo cáo định kỳ` : 'Báo cáo định kỳ';
  }, [loc.path, state]);

  // the published catalog of periodic reports is public (002 Đ11.2): no login
  if (loc.path === '/danh-muc-bao-cao') return <PublicCatalogScreen loggedIn={state === 'authed'} />;

  if (state === 'loading') {
    return (
      <div class="boot">
        <Spinner label="Đang tải…" />
      </div>
    );
  }

  if (state === 'anon' || !me) {
    return (
      <>
      <AnnouncementBanner login />
      <LoginScreen
        notice={notice}
        onLoggedIn={(m) => {
          setNotice('');
          acceptMe(m);
          if (!m.must_change_password && (loc.path === '/' || loc.path === '/password')) {
            navigate(firstPath(m), true);
          }
        }}
      />
      </>
    );
  }

  const logout = async () => {
    try {
      await auth.logout();
    } catch {
      /* the session may already be gone */
    }
    setCsrfToken('');
    setMe(null);
    setNotice('Bạn đã đăng xuất.');
    setState('anon');
    navigate('/', true);
  };

  const forced = me.must_change_password;
  const allowed = NAV.filter((n) => permitted(me, n));

  let content;
  if (forced) {
    content = (
      <ChangePasswordScreen
        me={me}
        forced
        onChanged={(m) => {
          acceptMe(m);
          navigate(firstPath(m), true);
        }}
      />
    );
  } else if (loc.path === '/password') {
    content = <ChangePasswordScreen me={me} forced={false} onChanged={acceptMe} />;
  } else {
    const item = NAV.find((n) => loc.path === n.path || loc.path.startsWith(n.path + '/'));
    if (loc.path === '/' || loc.path === '') {
      content = null;
      queueMicrotask(() => navigate(firstPath(me), true));
    } else if (loc.path.startsWith('/bao-cao/')) {
      // one report (issue 5): /bao-cao/<URL-encoded obligation key>; the server checks access
      content = <ReportScreen key={loc.path} me={me} reportKey={decodeURIComponent(loc.path.slice('/bao-cao/'.length))} />;
    } else if (loc.path === '/tong-hop') {
      // consolidation of the reports a unit received (issue 5 point 7); the server checks access
      content = <ConsolidationScreen me={me} search={loc.search} />;
    } else if (!item) {
      content = <NotFound />;
    } else if (!permitted(me, item)) {
      content = <Forbidden />;
    } else if (item.path === '/owed') {
      content = <OwedScreen me={me} />;
    } else if (item.path === '/orgs') {
      content = <OrgsScreen me={me} path={loc.path} />;
    } else if (item.path === '/users') {
      content = <UsersScreen me={me} path={loc.path} />;
    } else if (item.path === '/regimes') {
      content = <RegimesScreen me={me} path={loc.path} />;
    } else if (item.path === '/calendar') {
      content = <CalendarScreen me={me} path={loc.path} search={loc.search} />;
    } else if (item.path === '/indicators') {
      content = <IndicatorsScreen me={me} path={loc.path} search={loc.search} />;
    } else if (item.path === '/targets') {
      content = <TargetsScreen me={me} search={loc.search} />;
    } else if (item.path === '/requests') {
      content = <RequestsScreen me={me} />;
    } else if (item.path === '/backfill') {
      content = <BackfillScreen me={me} />;
    } else if (notifyScreen(item.path)) {
      content = notifyScreen(item.path);
    } else {
      content = <AuditScreen me={me} />;
    }
  }

  return (
    <div class={forced ? 'shell shell-forced' : 'shell'}>
      <a class="skip-link" href="#main">
        Chuyển đến nội dung chính
      </a>
      <Header me={me} forced={forced} onLogout={logout} />
      <div class="shell-body">
        {!forced && (
          <nav class="sidenav" aria-label="Chức năng">
            <ul>
              {allowed.map((n) => {
                const current =
                  loc.path === n.path || loc.path.startsWith(n.path + '/') || (n.path === '/owed' && (loc.path.startsWith('/bao-cao/') || loc.path === '/tong-hop'));
                return (
                  <li key={n.path}>
                    <a href={n.path} onClick={linkClick} aria-current={current ? 'page' : undefined}>
                      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                        <path d={n.icon} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
                      </svg>
                      <span>{n.label}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          <AnnouncementBanner />
          <PasswordExpiryBanner me={me} forced={forced} />
          {content}
        </main>
      </div>
    </div>
  );
}

function permitted(m: Me, n: NavItem): boolean {
  return !n.perm || m.permissions.includes(n.perm);
}

/** Roles that prepare and send reports: their home page is "Việc cần làm". */
const REPORTING_ROLES = ['data_entry', 'reviewer', 'approver', 'sender'];

function firstPath(m: Me): string {
  const reports = m.grants.some((g) => REPORTING_ROLES.includes(g.role));
  return NAV.find((n) => permitted(m, n) && (n.path !== '/owed' || reports))?.path || '/password';
}

function PasswordExpiryBanner(props: { me: Me; forced: boolean }) {
  const exp = props.me.password_expires_on;
  if (props.forced || !exp) return null;
  const days = Math.round((Date.parse(exp) - Date.parse(todayISO())) / 86400000);
  if (days > 14) return null;
  return (
    <div class="alert alert-warn" role="status">
      {days < 0 ? `Mật khẩu của bạn đã hết hạn từ ngày ${fmtDate(exp)}.` : `Mật khẩu của bạn sẽ hết hạn ngày ${fmtDate(exp)}.`}{' '}
      <a href="/password" onClick={linkClick}>
        Đổi mật khẩu
      </a>
    </div>
  );
}

function Header(props: { me: Me; forced: boolean; onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const u = props.me.user;

  useEffect(() => {
    if (!open) return;
    const first = menu.current?.querySelector<HTMLElement>('[role="menuitem"]');
    first?.focus();
    const onDoc = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') || []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      setOpen(false);
      btn.current?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    }
  };

  return (
    <header class="topbar">
      <a class="brand" href="/" onClick={linkClick}>
        <svg class="emblem" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
          <circle cx="16" cy="16" r="15" fill="#c8102e" />
          <path
            d="M16 6.5l2.35 7.2h7.6l-6.15 4.45 2.35 7.2L16 20.9l-6.15 4.45 2.35-7.2-6.15-4.45h7.6z"
            fill="#ffd400"
          />
        </svg>
        <span class="brand-text">
          <span class="brand-name">Báo cáo định kỳ</span>
          <span class="brand-sub">Hệ thống thông tin báo cáo</span>
        </span>
      </a>
      {!props.forced && <NotificationBell />}
      <div class="usermenu">
        <button
          ref={btn}
          type="button"
          class="usermenu-btn"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-label={`Tài khoản: ${u.full_name || u.username}`}
          onClick={() => setOpen(!open)}
        >
          <span class="avatar" aria-hidden="true">
            {initials(u.full_name || u.username)}
          </span>
          <span class="usermenu-name">{u.full_name || u.username}</span>
          <span aria-hidden="true" class="caret">
            ▾
          </span>
        </button>
        {open && (
          <div ref={menu} class="usermenu-pop" role="menu" aria-label="Tài khoản" onKeyDown={onMenuKey}>
            <div class="usermenu-info" role="presentation">
              <strong>{u.full_name}</strong>
              <span>{u.username}</span>
              <span>{u.unit_name}</span>
              {props.me.grants.length > 0 && (
                <span class="muted">{props.me.grants.map((g) => g.role_label).join(', ')}</span>
              )}
            </div>
            {!props.forced && (
              <a
                role="menuitem"
                href="/password"
                onClick={(e) => {
                  setOpen(false);
                  linkClick(e);
                }}
              >
                Đổi mật khẩu
              </a>
            )}
            <button
              role="menuitem"
              type="button"
              onClick={() => {
                setOpen(false);
                props.onLogout();
              }}
            >
              Đăng xuất
            </button>
          </div>
        )}
      </div>
    </header>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const last = parts[parts.length - 1] || '';
  return (last[0] || '?').toUpperCase();
}

function NotFound() {
  return (
    <section class="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        Địa chỉ này không tồn tại.{' '}
        <a href="/" onClick={linkClick}>
          Về trang đầu
        </a>
      </p>
    </section>
  );
}

function Forbidden() {
  return (
    <section class="page">
      <h1>Không có quyền truy cập</h1>
      <p>Tài khoản của bạn không được phân quyền sử dụng chức năng này.</p>
    </section>
  );
}
