// "Thông báo": the user's inbox of reminders (unread first), each marked read on demand.

import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Spinner } from '../components';
import { fmtDate, fmtInstant } from '../format';
import { linkClick } from '../router';
import { notifyApi, notifyChanged, NOTIFY_CHANGED, type Inbox } from './api';

export function NotificationsScreen() {
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [onlyUnread, setOnlyUnread] = useState(false);
  useEffect(() => {
    const load = () =>
      notifyApi
        .inbox({ unread: onlyUnread, limit: 200 })
        .then((r) => {
          setInbox(r);
          setError(null);
        })
        .catch(setError);
    load();
    window.addEventListener(NOTIFY_CHANGED, load);
    return () => window.removeEventListener(NOTIFY_CHANGED, load);
  }, [onlyUnread]);
  const act = (p: Promise<unknown>) => p.then(notifyChanged).catch(setError);
  return (
    <section class="page">
      <h1>Thông báo</h1>
      <p class="muted">
        Nhắc việc khi được giao báo cáo, 3 ngày làm việc trước hạn, đúng hạn, khi quá hạn, khi bị trả lại hoặc được
        tiếp nhận. Mỗi ngày hệ thống gửi tối đa một thư điện tử gộp các nhắc việc.{' '}
        <a href="/owed" onClick={linkClick}>
          Xem việc cần làm
        </a>
      </p>
      <ErrorBox error={error} />
      <div class="toolbar">
        <label class="check">
          <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.currentTarget.checked)} /> Chỉ
          thông báo chưa đọc
        </label>
        {inbox && inbox.unread > 0 && (
          <button type="button" class="btn" onClick={() => act(notifyApi.readAll())}>
            Đánh dấu đã đọc tất cả ({inbox.unread})
          </button>
        )}
      </div>
      {!inbox ? (
        <Spinner />
      ) : inbox.items.length === 0 ? (
        <p>Không có thông báo.</p>
      ) : (
        <ul class="inbox" aria-label="Danh sách thông báo">
          {inbox.items.map((n) => (
            <li key={n.id} class={n.read_at ? 'inbox-item' : 'inbox-item inbox-unread'}>
              <span class={`bell-kind kind-${n.kind}`}>{n.kind_label}</span>
              <div class="inbox-main">
                <p class="inbox-text">{n.text}</p>
                <p class="inbox-meta">
                  {fmtInstant(n.created_at)}
                  {n.emailed_on && ` · đã gửi thư ngày ${fmtDate(n.emailed_on)}`}
                  {n.read_at && ` · đã đọc ${fmtInstant(n.read_at)}`}
                </p>
              </div>
              {!n.read_at && (
                <button type="button" class="btn btn-small" onClick={() => act(notifyApi.read(n.id))}>
                  Đã đọc
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
