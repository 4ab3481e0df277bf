// Reminders, the daily e-mail digest and operator announcements (issue 5 point 8;
// docs/domain/workflow.md "Reminders and announcements"):
//  - remind(today): for every obligation, the reminders due today (core::notify::dueReminders:
//    assigned, 3 working days before the deadline, on it, overdue weekly, returned, accepted),
//    stored as in-app notifications for each user who owes it (ObligationService::reportersOf,
//    the "what do I owe" rule). Idempotent: one notification per (user, dedupe key).
//  - composeDigests(today): one e-mail per user per day grouping every notification not yet
//    e-mailed (core::notify::composeDigest); skipped (kept as a record) when the user has no
//    e-mail address or no SMTP server is configured.
//  - deliver(): sends the digests waiting (claimed one at a time so two servers never send the
//    same one), retrying a failure up to NotifyConfig::max_attempts times.
//  - onReportTransition(): what the report workflow calls after a state change; a return or an
//    acceptance is notified at once (the daily job finds the same state and the same key, so
//    it is never notified twice).
//  - the inbox of the current user, and announcements: everyone (even before login) reads the
//    current and upcoming ones; a system administrator publishes, changes and withdraws them,
//    audited ("announcement.create" / ".update" / ".delete").
// Thread-safety: every method may be called concurrently; setMailer() before serving.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_service.h"
#include "app/calendar_service.h"
#include "app/context.h"
#include "app/mailer.h"
#include "app/obligation_service.h"
#include "core/notify/announcement.h"
#include "core/notify/reminder.h"
#include "core/ports/notify_repository.h"

namespace baocao::app {

struct NotifyConfig {
  core::notify::MailAddress from{"baocao@localhost", "Hệ thống báo cáo"};  // sender of digests
  std::string site_url;      // link in the e-mail ("https://baocao.hochiminhcity.gov.vn")
  int max_attempts = 3;      // deliveries of one digest before giving up
};

struct NotifyRunReport {
  int obligations = 0;  // obligations considered
  int reminders = 0;    // in-app notifications created
  int digests = 0;      // digests composed (including skipped ones)
  int sent = 0;         // digests delivered
  int failed = 0;       // deliveries that failed (retried later)
};

struct Inbox {
  std::vector<core::ports::Notification> items;
  int64_t unread = 0;
};

/// What an operator fills in; the server sets publication time, author and version.
struct AnnouncementInput {
  core::notify::AnnouncementKind kind = core::notify::AnnouncementKind::Info;
  std::string title;
  std::string body;
  core::Timestamp starts_at;
  std::optional<core::Timestamp> ends_at;
};

class NotifyService {
 public:
  NotifyService(Context& ctx, AuditService& audit, CalendarService& calendar,
                ObligationService& obligations)
      : ctx_(ctx), audit_(audit), calendar_(calendar), obligations_(obligations) {}

  /// Sends digests through `mailer` (nullptr = in-app only). Call before serving.
  void setMailer(std::shared_ptr<Mailer> mailer, NotifyConfig config);
  bool mailEnabled() const { return mailer_ != nullptr; }
  core::Timestamp now() const { return ctx_.clock.now(); }
  core::Date today() const { return ctx_.clock.now().vietnamDate(); }

  core::Result<NotifyRunReport> remind(core::Date today);
  core::Result<int> composeDigests(core::Date today);
  core::Result<NotifyRunReport> deliver();
  /// remind + composeDigests + deliver. `actor` nullptr = the scheduler; otherwise a system
  /// administrator (Forbidden).
  core::Result<NotifyRunReport> runDaily(const Actor* actor, core::Date today);

  /// Called by the report workflow after `key` moved from `from` to `to` (committed). Creates
  /// the in-app notifications of a return or an acceptance; other transitions do nothing.
  core::Status onReportTransition(const std::string& key, core::workflow::State from,
                                  core::workflow::State to, const Actor* actor);

  core::Result<Inbox> inbox(const Actor& actor, bool unread_only, int limit, int offset);
  core::Result<core::ports::Notification> markRead(const Actor& actor, int64_t id);
  core::Result<int64_t> markAllRead(const Actor& actor);

  /// Current and upcoming announcements (anyone, even anonymous), current first.
  core::Result<std::vector<core::notify::Announcement>> announcements();
  core::Result<core::notify::Announcement> publish(const Actor& actor,
                                                   const AnnouncementInput& in);
  /// Conflict when `version` is not the stored one.
  core::Result<core::notify::Announcement> change(const Actor& actor, int64_t id,
                                                  const AnnouncementInput& in, int64_t version);
  core::Status withdraw(const Actor& actor, int64_t id);

 private:
  core::Status requireOperator(const Actor& actor, const std::string& what) const;
  /// Stores `reminders` for their recipients in one write Tx; returns how many were new.
  core::Result<int> store(const std::vector<std::pair<int64_t, core::notify::Reminder>>& items);

  Context& ctx_;
  AuditService& audit_;
  CalendarService& calendar_;
  ObligationService& obligations_;
  std::shared_ptr<Mailer> mailer_;
  NotifyConfig config_;
};

}  // namespace baocao::app
