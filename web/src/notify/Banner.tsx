// Operator announcements on every page and on the login page (issue 5 point 8): maintenance
// announced at least 24 hours ahead (004 Đ14.6) and suspension of reporting (002 Đ17.1d).
// Read without login; reloaded every 5 minutes and after the operator publishes.

import { useEffect, useState } from 'preact/hooks';
import { fmtInstant } from '../format';
import { notifyApi, NOTIFY_CHANGED, type Announcement } from './api';
import './notify.css';

export function AnnouncementBanner(props: { login?: boolean }) {
  const [items, setItems] = useState<Announcement[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      notifyApi
        .announcements()
        .then((r) => alive && setItems(r.items))
        .catch(() => {});
    load();
    const timer = setInterval(load, 5 * 60 * 1000);
    window.addEventListener(NOTIFY_CHANGED, load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFY_CHANGED, load);
    };
  }, []);
  if (items.length === 0) return null;
  return (
    <section class={props.login ? 'announce announce-login' : 'announce'} aria-label="Thông báo của hệ thống">
      {items.map((a) => (
        <div key={a.id} class={`announce-item announce-${a.kind}`} role="status">
          <strong class="announce-kind">
            {a.phase === 'current' && a.kind !== 'info' ? 'Đang diễn ra – ' : ''}
            {a.kind_label}
          </strong>
          <span class="announce-when">
            {' '}từ {fmtInstant(a.starts_at)}
            {a.ends_at ? ` đến ${fmtInstant(a.ends_at)}` : ''}:
          </span>{' '}
          <span class="announce-title">{a.title}</span>
          {a.body && <p class="announce-body">{a.body}</p>}
        </div>
      ))}
    </section>
  );
}
