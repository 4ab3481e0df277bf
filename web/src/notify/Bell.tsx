// The bell in the top bar: the number of unread reminders and the latest ones; the full inbox
// is the "Thông báo" screen (/notifications).

import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtInstant } from '../format';
import { linkClick } from '../router';
import { notifyApi, notifyChanged, NOTIFY_CHANGED, type Inbox } from './api';

export function NotificationBell() {
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      notifyApi
        .inbox({ limit: 8 })
        .then((r) => alive && setInbox(r))
        .catch(() => {});
    load();
    const timer = setInterval(load, 2 * 60 * 1000);
    window.addEventListener(NOTIFY_CHANGED, load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFY_CHANGED, load);
    };
  }, []);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const unread = inbox?.unread ?? 0;
  const label = unread > 0 ? `Thông báo: ${unread} chưa đọc` : 'Thông báo: không có thông báo chưa đọc';
  return (
    <div class="bell" ref={box}>
      <button type="button" class="bell-btn" aria-label={label} aria-expanded={open} onClick={() => setOpen(!open)}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M6 17V11a6 6 0 0 1 12 0v6l2 2H4zM10 21h4"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span class="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div class="bell-pop" role="dialog" aria-label="Thông báo mới">
          <div class="bell-head">
            <strong>Thông báo</strong>
            {unread > 0 && (
              <button
                type="button"
                class="link-btn"
                onClick={() => notifyApi.readAll().then(notifyChanged).catch(() => {})}
              >
                Đánh dấu đã đọc tất cả
              </button>
            )}
          </div>
          {!inbox || inbox.items.length === 0 ? (
            <p class="muted bell-empty">Chưa có thông báo.</p>
          ) : (
            <ul class="bell-list">
              {inbox.items.map((n) => (
                <li key={n.id} class={n.read_at ? 'bell-item' : 'bell-item bell-unread'}>
                  <span class={`bell-kind kind-${n.kind}`}>{n.kind_label}</span>
                  <span class="bell-text">{n.text}</span>
                  <span class="bell-time">{fmtInstant(n.created_at)}</span>
                </li>
              ))}
            </ul>
          )}
          <a
            href="/notifications"
            class="bell-all"
            onClick={(e) => {
              setOpen(false);
              linkClick(e);
            }}
          >
            Xem tất cả thông báo
          </a>
        </div>
      )}
    </div>
  );
}
