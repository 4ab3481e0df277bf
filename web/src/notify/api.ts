// Reminders and operator announcements (/api/v1/me/notifications, /api/v1/announcements;
// src/http/openapi/notify.json).

import { request, buildQuery } from '../api/client';

export interface Notification {
  id: number;
  kind: 'assigned' | 'due_soon' | 'due_today' | 'overdue' | 'returned' | 'accepted' | (string & {});
  kind_label: string;
  obligation_key: string | null;
  text: string;
  created_at: string;
  read_at: string | null;
  emailed_on: string | null;
}
export interface Inbox { unread: number; items: Notification[] }

export type AnnouncementKind = 'maintenance' | 'suspension' | 'info';
export interface Announcement {
  id: number;
  kind: AnnouncementKind;
  kind_label: string;
  title: string;
  body: string;
  published_at: string;
  starts_at: string;
  ends_at: string | null;
  phase: 'upcoming' | 'current';
  text: string;
  version: number;
}
export interface AnnouncementInput {
  kind: AnnouncementKind;
  title: string;
  body: string;
  /** "2026-03-14T22:00", Vietnam time */
  starts_at: string;
  ends_at: string | null;
}

export const notifyApi = {
  inbox: (q: { unread?: boolean; limit?: number } = {}) =>
    request<Inbox>('GET', '/me/notifications' + buildQuery({ unread: q.unread ? 'true' : '', limit: q.limit })),
  read: (id: number) => request<Notification>('POST', `/me/notifications/${id}/read`, { json: {} }),
  readAll: () => request<{ marked: number }>('POST', '/me/notifications/read-all', { json: {} }),
  announcements: () => request<{ items: Announcement[] }>('GET', '/announcements'),
  publish: (a: AnnouncementInput) => request<Announcement>('POST', '/announcements', { json: a }),
  change: (id: number, a: AnnouncementInput & { version: number }) =>
    request<Announcement>('PUT', `/announcements/${id}`, { json: a }),
  withdraw: (id: number) => request<void>('DELETE', `/announcements/${id}`),
};

/** Tells every mounted banner and bell to reload (after a publish or a read mark). */
export const NOTIFY_CHANGED = 'baocao:notify-changed';
export function notifyChanged(): void {
  window.dispatchEvent(new Event(NOTIFY_CHANGED));
}
