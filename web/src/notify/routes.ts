// The screens of web/src/notify in the application's navigation (app.tsx reads these).
import { h } from 'preact';
import { AnnouncementsScreen } from './Announcements';
import { NotificationsScreen } from './Notifications';

export const NOTIFY_NAV = [
  { path: '/notifications', label: 'Thông báo', icon: 'M6 17V11a6 6 0 0 1 12 0v6l2 2H4zM10 21h4' },
  {
    path: '/announcements',
    label: 'Thông báo vận hành',
    perm: 'system.manage' as const,
    icon: 'M4 10v4h3l6 4V6L7 10zM16 9a4 4 0 0 1 0 6M18.5 6.5a8 8 0 0 1 0 11',
  },
];

export function notifyScreen(path: string) {
  if (path === '/notifications') return h(NotificationsScreen, {});
  if (path === '/announcements') return h(AnnouncementsScreen, {});
  return null;
}
