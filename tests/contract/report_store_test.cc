// Contract: ReportRepository on every store (memory, SQLite, PostgreSQL). The working copy never
// loses an update (issue 5 point 5): per-cell revisions, a conflict writes nothing and names the
// other person's value, user and time, cells nobody else touched merge — also with two writers
// racing in two threads. Versions take only the next number and keep their content and
// canonical bytes exactly; a signature's DER bytes come back byte for byte and never change;
// history, comments, attachments (bytes exact, removed ones hidden), unit workflow settings and
// delegations round-trip; an uncommitted Tx leaves nothing.
#include <array>
#include <functional>
#include <latch>
#include <set>
#include <thread>

#include "contract/store_fixture.h"

namespace baocao::contract {
namespace {

using core::ErrorCode;
namespace wf = core::workflow;
using Part = ports::CellConflict::Part;

const std::string kKey = "BC-KTXH/202603/u42";
const core::Timestamp kT0 = core::Timestamp::fromSeconds(1773900000);
core::Timestamp at(int minutes) { return kT0.plusSeconds(60LL * minutes); }

ports::DraftPatch values(std::map<std::string, std::string> v) {
  ports::DraftPatch p;
  p.values = std::move(v);
  return p;
}

// Every byte value, zeros first and in the middle: DER and files are not text.
std::string allBytes() {
  std::string s(3, '\0');
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  s += std::string(2, '\0');
  return s;
}

wf::ReportContent content(const std::string& key, int variant) {
  wf::ReportContent c;
  c.obligation_key = key;
  c.regime_code = "BC-KTXH";
  c.period_id = "M2026-03";
  c.unit_id = 42;
  c.values = {{"CT01.TH", std::to_string(1234 + variant) + ".5"},
              {"CT02.GC", "Tăng trưởng ổn định, đạt kế hoạch đề ra"},
              {"CT03.TH", "-0.001"}};
  c.narrative = {{"I", "Tình hình kinh tế – xã hội tháng 3/2026:\nSản xuất công nghiệp tăng 7,2%."},
                 {"II.1", "Khó khăn, vướng mắc: thiếu nguồn nhân lực ở xã vùng sâu."}};
  c.attachments = {{"Phụ lục số liệu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 10240,
                    std::string(64, 'a')},
                   {"Công văn 123.pdf", "application/pdf", 2048, std::string(64, 'b')}};
  return c;
}

/// Runs `body(i, tx)` for i = 0 and 1 in two threads released together, each in its own write
/// Tx, committed when `body` returns true. Returns what failed per writer ("" when nothing did).
std::array<std::string, 2> race(ports::Store& store,
                                const std::function<core::Result<bool>(int, ports::Tx&)>& body) {
  std::latch start(2);
  std::array<std::string, 2> errors;
  auto run = [&](int i) {
    start.arrive_and_wait();
    auto tx = store.begin(ports::TxMode::Write);
    if (!tx.has_value()) {
      errors[i] = tx.error().message;
      return;
    }
    auto commit = body(i, **tx);
    if (!commit.has_value()) {
      errors[i] = commit.error().message;
    } else if (*commit) {
      auto c = (*tx)->commit();
      if (!c.has_value()) errors[i] = c.error().message;
    }
  };
  std::thread a(run, 0), b(run, 1);
  a.join();
  b.join();
  return errors;
}

ports::StoredVersion version(const std::string& key, int number) {
  ports::StoredVersion v;
  v.version.number = number;
  v.version.content_hash = std::string(63, 'c') + std::to_string(number % 10);
  v.version.created_at = at(number);
  v.version.created_by_user_id = 7;
  v.version.note = number == 1 ? "Trình lần đầu" : "Sửa theo yêu cầu trả lại";
  v.content = content(key, number);
  v.canonical = "{\"bao_cao\":\"" + key + "\",\"so\":" + std::to_string(number) + "}" + allBytes();
  return v;
}

TEST_P(StoreContract, ReportDraftStartsEmptyAndFirstSaveCreatesIt) {
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.obligation_key, kKey);
    EXPECT_EQ(d.revision, 0);
    EXPECT_TRUE(d.values.empty());
    EXPECT_FALSE(d.updated_at.has_value());
    EXPECT_CODE(tx->reports().saveCells(kKey, 0, values({{"CT01", "1"}}), 1, at(1)),
                ErrorCode::StorageError);  // read Tx
  }
  write([&](ports::Tx& tx) {
    ports::DraftPatch p = values({{"CT01.TH", "1234.5"}, {"CT02.GC", "Tăng trưởng khá"}});
    p.narrative = {{"I", "Tình hình chung\nDòng hai"}};
    p.explanations = {{"R2@CT01", "Số liệu tăng do sáp nhập xã"}};
    VALUE_OR_FAIL(auto out, tx.reports().saveCells(kKey, 0, p, 5, at(1)));
    EXPECT_TRUE(out.conflicts.empty());
    EXPECT_EQ(out.draft.revision, 1);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
  EXPECT_EQ(d.revision, 1);
  EXPECT_EQ(d.updated_by, 5);
  EXPECT_EQ(d.updated_at, at(1));
  ASSERT_EQ(d.values.size(), 2u);
  EXPECT_EQ(d.values.at("CT01.TH"), (ports::DraftCell{"1234.5", 1, 5, at(1)}));
  EXPECT_EQ(d.values.at("CT02.GC").value, "Tăng trưởng khá");
  EXPECT_EQ(d.narrative.at("I"), (ports::DraftCell{"Tình hình chung\nDòng hai", 1, 5, at(1)}));
  EXPECT_EQ(d.explanations.at("R2@CT01").value, "Số liệu tăng do sáp nhập xã");
  VALUE_OR_FAIL(auto other, tx->reports().draft("BC-KTXH/202603/u43"));
  EXPECT_EQ(other.revision, 0);
}

TEST_P(StoreContract, ReportSavesMergeUntouchedCellsAndConflictsWriteNothing) {
  auto save = [&](int64_t base, const ports::DraftPatch& p, int64_t user, int minute) {
    ports::SaveOutcome out;
    write([&](ports::Tx& tx) {
      VALUE_OR_FAIL(out, tx.reports().saveCells(kKey, base, p, user, at(minute)));
    });
    return out;
  };
  ASSERT_TRUE(save(0, values({{"CT01", "100"}, {"CT02", "200"}}), 1, 1).conflicts.empty());
  ASSERT_TRUE(save(1, values({{"CT03", "300"}}), 2, 2).conflicts.empty());  // rev 2
  // User 1 still edits from revision 1: CT01 was not touched since, so it merges.
  auto merged = save(1, values({{"CT01", "101"}}), 1, 3);
  ASSERT_TRUE(merged.conflicts.empty());
  EXPECT_EQ(merged.draft.revision, 3);
  EXPECT_EQ(merged.draft.values.at("CT03").value, "300");
  EXPECT_EQ(merged.draft.values.at("CT01").revision, 3);
  EXPECT_EQ(merged.draft.values.at("CT02").revision, 1);

  // User 2 edits from revision 2: CT01 changed at 3 → conflict; CT04 is not written either.
  auto clash = save(2, values({{"CT01", "102"}, {"CT04", "4"}}), 2, 4);
  ASSERT_EQ(clash.conflicts.size(), 1u);
  const auto& c = clash.conflicts[0];
  EXPECT_EQ(c.part, Part::Value);
  EXPECT_EQ(c.key, "CT01");
  EXPECT_EQ(c.mine, "102");
  EXPECT_EQ(c.theirs, std::optional<std::string>("101"));
  EXPECT_EQ(c.their_revision, 3);
  EXPECT_EQ(c.their_user_id, 1);
  EXPECT_EQ(c.their_at, at(3));
  EXPECT_EQ(clash.draft.revision, 3);
  EXPECT_FALSE(clash.draft.values.count("CT04"));
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.revision, 3);
    EXPECT_FALSE(d.values.count("CT04"));
    EXPECT_EQ(d.values.at("CT01").value, "101");
    EXPECT_EQ(d.updated_by, 1);
  }

  // Saving the value that is already stored is no conflict and does not touch that cell.
  auto same = save(2, values({{"CT01", "101"}, {"CT05", "5"}}), 2, 5);
  ASSERT_TRUE(same.conflicts.empty());
  EXPECT_EQ(same.draft.revision, 4);
  EXPECT_EQ(same.draft.values.at("CT01"), (ports::DraftCell{"101", 3, 1, at(3)}));
  EXPECT_EQ(same.draft.values.at("CT05"), (ports::DraftCell{"5", 4, 2, at(5)}));
  // Nothing to change (same values, clearing a blank cell, empty patch): no new revision.
  EXPECT_EQ(save(4, values({{"CT05", "5"}, {"CT99", ""}}), 2, 6).draft.revision, 4);
  auto empty = save(0, {}, 2, 6);
  EXPECT_TRUE(empty.conflicts.empty());
  EXPECT_EQ(empty.draft.revision, 4);
  EXPECT_EQ(empty.draft.values.size(), 4u);
  EXPECT_EQ(empty.draft.updated_at, at(5));
}

TEST_P(StoreContract, ReportClearedCellIsRememberedForConflicts) {
  auto save = [&](int64_t base, const ports::DraftPatch& p, int64_t user, int minute) {
    ports::SaveOutcome out;
    write([&](ports::Tx& tx) {
      VALUE_OR_FAIL(out, tx.reports().saveCells(kKey, base, p, user, at(minute)));
    });
    return out;
  };
  ports::DraftPatch first = values({{"CT01", "1"}, {"CT02", "2"}});
  first.narrative = {{"I", "Mở đầu"}};
  ASSERT_TRUE(save(0, first, 1, 1).conflicts.empty());
  ports::DraftPatch clear = values({{"CT02", ""}});
  clear.narrative = {{"I", ""}};
  auto cleared = save(1, clear, 1, 2);
  ASSERT_TRUE(cleared.conflicts.empty());
  EXPECT_EQ(cleared.draft.revision, 2);
  EXPECT_FALSE(cleared.draft.values.count("CT02"));
  EXPECT_TRUE(cleared.draft.narrative.empty());

  // User 2 still edits from revision 1: the clearing by user 1 is a conflict, theirs unset.
  ports::DraftPatch late;
  late.narrative = {{"I", "Mở đầu (sửa)"}};
  auto clash = save(1, late, 2, 3);
  ASSERT_EQ(clash.conflicts.size(), 1u);
  EXPECT_EQ(clash.conflicts[0].part, Part::Narrative);
  EXPECT_EQ(clash.conflicts[0].key, "I");
  EXPECT_FALSE(clash.conflicts[0].theirs.has_value());
  EXPECT_EQ(clash.conflicts[0].their_user_id, 1);
  EXPECT_EQ(clash.conflicts[0].their_revision, 2);
  EXPECT_EQ(clash.conflicts[0].their_at, at(2));
  // Clearing what is already cleared is not a conflict; typing it again from the current
  // revision is accepted.
  EXPECT_TRUE(save(1, values({{"CT02", ""}}), 2, 4).conflicts.empty());
  auto again = save(2, late, 2, 5);
  ASSERT_TRUE(again.conflicts.empty());
  EXPECT_EQ(again.draft.narrative.at("I").value, "Mở đầu (sửa)");

  ports::DraftPatch expl;
  expl.explanations = {{"R2", "Giải thích"}};
  ASSERT_TRUE(save(3, expl, 1, 6).conflicts.empty());
  expl.explanations = {{"R2", "Giải thích khác"}};
  auto e = save(3, expl, 2, 7);
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_EQ(e.conflicts[0].part, Part::Explanation);
  EXPECT_EQ(e.conflicts[0].theirs, std::optional<std::string>("Giải thích"));
}

TEST_P(StoreContract, ReportReplaceDraftNeedsTheExpectedRevision) {
  write([&](ports::Tx& tx) {
    ports::DraftPatch p = values({{"CT01.TH", "1"}, {"OLD", "x"}});
    p.narrative = {{"IX", "sẽ bị xoá"}};
    p.explanations = {{"R2", "giữ lại"}};
    EXPECT_OK(tx.reports().saveCells(kKey, 0, p, 1, at(1)));
  });
  auto c = content(kKey, 0);
  write([&](ports::Tx& tx) {
    auto r = tx.reports().replaceDraft(kKey, 0, c, 2, at(2));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict) << r.error().message;
  });
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto d, tx.reports().replaceDraft(kKey, 1, c, 2, at(2)));
    EXPECT_EQ(d.revision, 2);
  });
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.revision, 2);
    std::map<std::string, std::string> got, narrative;
    for (const auto& [k, cell] : d.values) got[k] = cell.value;
    for (const auto& [k, cell] : d.narrative) narrative[k] = cell.value;
    EXPECT_EQ(got, c.values);
    EXPECT_EQ(narrative, c.narrative);
    EXPECT_EQ(d.values.at("CT02.GC").revision, 2);
    EXPECT_EQ(d.values.at("CT02.GC").updated_by, 2);
    EXPECT_EQ(d.explanations.at("R2").value, "giữ lại");  // not part of a ReportContent
  }
  // A save from before the replacement on a cell it cleared is a conflict.
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto out, tx.reports().saveCells(kKey, 1, values({{"OLD", "y"}}), 1, at(3)));
    ASSERT_EQ(out.conflicts.size(), 1u);
    EXPECT_FALSE(out.conflicts[0].theirs.has_value());
    EXPECT_EQ(out.conflicts[0].their_user_id, 2);
  });
  // Replacing a working copy nobody saved yet: expected revision 0.
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(auto d, tx.reports().replaceDraft("k2", 0, c, 3, at(4)));
    EXPECT_EQ(d.revision, 1);
    EXPECT_EQ(d.values.size(), c.values.size());
  });
}

TEST_P(StoreContract, ReportTwoWritersOnTheSameCellExactlyOneWins) {
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.reports().saveCells(kKey, 0, values({{"CT00", "0"}}), 9, at(0)));
  });
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    const std::string cell = "CT" + std::to_string(round + 1);
    int64_t base = 0;
    {
      auto tx = reader();
      VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
      base = d.revision;
    }
    ports::SaveOutcome outs[2];
    auto errors = race(*store_, [&](int i, ports::Tx& tx) -> core::Result<bool> {
      BAOCAO_ASSIGN(outs[i], tx.reports().saveCells(kKey, base,
                                                    values({{cell, "giá trị " + std::to_string(i)}}),
                                                    100 + i, at(10 + round)));
      return true;
    });
    ASSERT_EQ(errors[0], "");
    ASSERT_EQ(errors[1], "");
    int winners = outs[0].conflicts.empty() + outs[1].conflicts.empty();
    ASSERT_EQ(winners, 1) << "round " << round;
    int w = outs[0].conflicts.empty() ? 0 : 1;
    const auto& lost = outs[1 - w];
    ASSERT_EQ(lost.conflicts.size(), 1u);
    EXPECT_EQ(lost.conflicts[0].key, cell);
    EXPECT_EQ(lost.conflicts[0].mine, "giá trị " + std::to_string(1 - w));
    EXPECT_EQ(lost.conflicts[0].theirs, std::optional<std::string>("giá trị " + std::to_string(w)));
    EXPECT_EQ(lost.conflicts[0].their_user_id, 100 + w);
    EXPECT_EQ(lost.conflicts[0].their_revision, base + 1);
    EXPECT_EQ(lost.draft.revision, base + 1);
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.revision, base + 1);
    EXPECT_EQ(d.values.at(cell).value, "giá trị " + std::to_string(w));
    EXPECT_EQ(d.values.at(cell).updated_by, 100 + w);
  }
}

TEST_P(StoreContract, ReportTwoWritersOnDifferentCellsBothMerge) {
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    int64_t base = 0;
    {
      auto tx = reader();
      VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
      base = d.revision;
    }
    bool conflicted[2] = {false, false};
    auto errors = race(*store_, [&](int i, ports::Tx& tx) -> core::Result<bool> {
      std::string cell = "R" + std::to_string(round) + "." + std::to_string(i);
      BAOCAO_ASSIGN(auto out, tx.reports().saveCells(kKey, base, values({{cell, std::to_string(i)}}),
                                                     100 + i, at(round)));
      conflicted[i] = !out.conflicts.empty();
      return true;
    });
    ASSERT_EQ(errors[0], "");
    ASSERT_EQ(errors[1], "");
    EXPECT_FALSE(conflicted[0]);
    EXPECT_FALSE(conflicted[1]);
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.revision, base + 2);  // two saves, two revisions: none overwrote the other
    EXPECT_EQ(d.values.at("R" + std::to_string(round) + ".0").value, "0");
    EXPECT_EQ(d.values.at("R" + std::to_string(round) + ".1").value, "1");
    std::set<int64_t> revisions = {d.values.at("R" + std::to_string(round) + ".0").revision,
                                   d.values.at("R" + std::to_string(round) + ".1").revision};
    EXPECT_EQ(revisions, (std::set<int64_t>{base + 1, base + 2}));
  }
}

TEST_P(StoreContract, ReportVersionsTakeOnlyTheNextNumberAndKeepTheirContent) {
  write([&](ports::Tx& tx) {
    EXPECT_CODE(tx.reports().addVersion(kKey, version(kKey, 2)), ErrorCode::AlreadyExists);
    EXPECT_OK(tx.reports().addVersion(kKey, version(kKey, 1)));
    EXPECT_CODE(tx.reports().addVersion(kKey, version(kKey, 1)), ErrorCode::AlreadyExists);
    EXPECT_CODE(tx.reports().addVersion(kKey, version(kKey, 3)), ErrorCode::AlreadyExists);
    EXPECT_OK(tx.reports().addVersion(kKey, version(kKey, 2)));  // the Tx is still usable
    EXPECT_OK(tx.reports().addVersion("k2", version("k2", 1)));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->reports().versions(kKey));
  ASSERT_EQ(all.size(), 2u);
  for (int n = 1; n <= 2; ++n) {
    const auto& got = all[static_cast<size_t>(n - 1)];
    auto want = version(kKey, n);
    EXPECT_EQ(got.version.number, n);
    EXPECT_EQ(got.version.content_hash, want.version.content_hash);
    EXPECT_EQ(got.version.created_at, want.version.created_at);
    EXPECT_EQ(got.version.created_by_user_id, 7);
    EXPECT_EQ(got.version.note, want.version.note);
    EXPECT_FALSE(got.version.signature.has_value());
    EXPECT_EQ(got.content, want.content);  // values, Vietnamese narrative, attachments in order
    EXPECT_EQ(got.canonical, want.canonical);
  }
  VALUE_OR_FAIL(auto v2, tx->reports().version(kKey, 2));
  EXPECT_EQ(v2.content, version(kKey, 2).content);
  EXPECT_CODE(tx->reports().version(kKey, 3), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto none, tx->reports().versions("nope"));
  EXPECT_TRUE(none.empty());

  VALUE_OR_FAIL(auto latest, tx->reports().latestVersions({kKey, "k2", "nope"}));
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest.at(kKey).version.number, 2);
  EXPECT_EQ(latest.at(kKey).content, version(kKey, 2).content);
  EXPECT_EQ(latest.at("k2").version.number, 1);
  EXPECT_EQ(latest.at("k2").content.obligation_key, "k2");
  VALUE_OR_FAIL(auto nothing, tx->reports().latestVersions({}));
  EXPECT_TRUE(nothing.empty());
}

TEST_P(StoreContract, ReportTwoApproversFreezingTheSameNumberOneGetsAlreadyExists) {
  core::Result<void> results[2];
  auto errors = race(*store_, [&](int i, ports::Tx& tx) -> core::Result<bool> {
    auto v = version(kKey, 1);
    v.version.created_by_user_id = 100 + i;
    results[i] = tx.reports().addVersion(kKey, v);
    return results[i].has_value();  // commit only what was added
  });
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  ASSERT_EQ(results[0].has_value() + results[1].has_value(), 1);
  int loser = results[0].has_value() ? 1 : 0;
  EXPECT_EQ(results[loser].error().code, ErrorCode::AlreadyExists) << results[loser].error().message;
  auto tx = reader();
  VALUE_OR_FAIL(auto all, tx->reports().versions(kKey));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].version.created_by_user_id, 100 + (1 - loser));
  EXPECT_EQ(all[0].content, version(kKey, 1).content);
}

TEST_P(StoreContract, ReportSignatureBytesRoundTripAndNeverChange) {
  ports::StoredSignature sig;
  sig.obligation_key = kKey;
  sig.version = 1;
  sig.cms_der = allBytes() + allBytes();
  sig.info.signer_subject = "CN=Nguyễn Văn Ánh,O=UBND Phường Thủ Đức,C=VN";
  sig.info.signed_at = at(30);
  sig.info.signed_by_user_id = 12;
  sig.info.signature_ref = "sig/BC-KTXH/1";
  write([&](ports::Tx& tx) {
    EXPECT_CODE(tx.reports().addSignature(sig), ErrorCode::NotFound);  // no version yet
    EXPECT_OK(tx.reports().addVersion(kKey, version(kKey, 1)));
    EXPECT_CODE(tx.reports().signature(kKey, 1), ErrorCode::NotFound);  // not signed yet
    EXPECT_OK(tx.reports().addSignature(sig));
  });
  write([&](ports::Tx& tx) {
    auto other = sig;
    other.cms_der = "khác";
    other.info.signer_subject = "CN=Kẻ khác";
    EXPECT_CODE(tx.reports().addSignature(other), ErrorCode::AlreadyExists);
    auto missing = sig;
    missing.version = 2;
    EXPECT_CODE(tx.reports().addSignature(missing), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->reports().signature(kKey, 1));
  EXPECT_EQ(got.obligation_key, kKey);
  EXPECT_EQ(got.version, 1);
  ASSERT_EQ(got.cms_der.size(), sig.cms_der.size());
  EXPECT_EQ(got.cms_der, sig.cms_der);
  EXPECT_EQ(got.info.signer_subject, sig.info.signer_subject);
  EXPECT_EQ(got.info.signed_at, sig.info.signed_at);
  EXPECT_EQ(got.info.signed_by_user_id, 12);
  EXPECT_EQ(got.info.signature_ref, sig.info.signature_ref);
  VALUE_OR_FAIL(auto v, tx->reports().version(kKey, 1));
  ASSERT_TRUE(v.version.signature.has_value());
  EXPECT_EQ(v.version.signature->signer_subject, sig.info.signer_subject);
  EXPECT_EQ(v.version.signature->signed_at, sig.info.signed_at);
  EXPECT_EQ(v.content, version(kKey, 1).content);
}

TEST_P(StoreContract, ReportHistoryKeepsItsOrder) {
  std::vector<wf::HistoryEntry> entries = {
      {wf::Action::Submit, wf::State::Draft, wf::State::AwaitingCheck, 5, at(1), "", 1},
      {wf::Action::SendBack, wf::State::AwaitingCheck, wf::State::Draft, 6, at(2),
       "Thiếu số liệu xã Tân Phú", 1},
      {wf::Action::Submit, wf::State::Draft, wf::State::AwaitingCheck, 5, at(3), "", 2},
      {wf::Action::Check, wf::State::AwaitingCheck, wf::State::AwaitingApproval, 6, at(3), "", 2},
      {wf::Action::Approve, wf::State::AwaitingApproval, wf::State::Sent, 7, at(4), "", 2},
      {wf::Action::Return, wf::State::Sent, wf::State::Returned, 8, at(5),
       "Đề nghị bổ sung thuyết minh", 2},
  };
  write([&](ports::Tx& tx) {
    for (size_t i = 0; i < 3; ++i) EXPECT_OK(tx.reports().addHistory(kKey, entries[i]));
    EXPECT_OK(tx.reports().addHistory("k2", entries[0]));
  });
  write([&](ports::Tx& tx) {
    for (size_t i = 3; i < entries.size(); ++i) EXPECT_OK(tx.reports().addHistory(kKey, entries[i]));
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->reports().history(kKey));
  ASSERT_EQ(got.size(), entries.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].action, entries[i].action) << i;
    EXPECT_EQ(got[i].from, entries[i].from) << i;
    EXPECT_EQ(got[i].to, entries[i].to) << i;
    EXPECT_EQ(got[i].actor_user_id, entries[i].actor_user_id) << i;
    EXPECT_EQ(got[i].at, entries[i].at) << i;
    EXPECT_EQ(got[i].reason, entries[i].reason) << i;
    EXPECT_EQ(got[i].version, entries[i].version) << i;
  }
  VALUE_OR_FAIL(auto other, tx->reports().history("k2"));
  EXPECT_EQ(other.size(), 1u);
  VALUE_OR_FAIL(auto none, tx->reports().history("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, ReportCommentsAreAddedAndResolved) {
  ports::Comment c1{0, kKey, "CT01.TH", "Số liệu này cao bất thường so với tháng trước?", 6, at(1),
                    false};
  ports::Comment c2{0, kKey, "", "Đề nghị bổ sung phần thuyết minh.", 8, at(2), false};
  ports::Comment other{0, "k2", "I", "khác", 6, at(3), false};
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(c1, tx.reports().addComment(c1));
    VALUE_OR_FAIL(c2, tx.reports().addComment(c2));
    EXPECT_OK(tx.reports().addComment(other));
    EXPECT_GT(c1.id, 0);
    EXPECT_GT(c2.id, c1.id);
  });
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.reports().resolveComment(c1.id));
    EXPECT_CODE(tx.reports().resolveComment(999999), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto got, tx->reports().comments(kKey));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, c1.id);
  EXPECT_EQ(got[0].obligation_key, kKey);
  EXPECT_EQ(got[0].cell, "CT01.TH");
  EXPECT_EQ(got[0].text, c1.text);
  EXPECT_EQ(got[0].author_id, 6);
  EXPECT_EQ(got[0].at, at(1));
  EXPECT_TRUE(got[0].resolved);
  EXPECT_EQ(got[1].cell, "");
  EXPECT_EQ(got[1].text, c2.text);
  EXPECT_FALSE(got[1].resolved);
  VALUE_OR_FAIL(auto none, tx->reports().comments("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, ReportAttachmentsKeepTheirBytesAndRemovedOnesAreHidden) {
  std::string big;
  for (int i = 0; i < 300000; ++i) big.push_back(static_cast<char>((i * 131 + 7) % 256));
  auto make = [&](const std::string& name, const std::string& bytes) {
    ports::StoredAttachment a;
    a.obligation_key = kKey;
    a.meta = {name, "application/pdf", bytes.size(), std::string(64, 'e')};
    a.uploaded_by = 5;
    a.uploaded_at = at(1);
    return a;
  };
  ports::StoredAttachment pdf, xlsx, gone;
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.reports().saveCells(kKey, 0, values({{"CT01", "1"}}), 5, at(0)));
    VALUE_OR_FAIL(pdf, tx.reports().addAttachment(make("Công văn số 12.pdf", allBytes()), allBytes()));
    VALUE_OR_FAIL(xlsx, tx.reports().addAttachment(make("Biểu 01.xlsx", big), big));
    VALUE_OR_FAIL(gone, tx.reports().addAttachment(make("Bản nháp.docx", "x"), "x"));
  });
  EXPECT_GT(pdf.id, 0);
  EXPECT_FALSE(pdf.removed);
  {
    auto tx = reader();
    VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
    EXPECT_EQ(d.revision, 4);  // an attachment changes the working copy
    EXPECT_EQ(d.values.at("CT01").revision, 1);
  }
  write([&](ports::Tx& tx) {
    EXPECT_OK(tx.reports().removeAttachment(gone.id));
    EXPECT_CODE(tx.reports().removeAttachment(999999), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto list, tx->reports().attachments(kKey));
  ASSERT_EQ(list.size(), 2u);
  // By name (bytewise): "Biểu…" before "Công…".
  EXPECT_EQ(list[0].id, xlsx.id);
  EXPECT_EQ(list[1].id, pdf.id);
  EXPECT_EQ(list[1].meta, pdf.meta);
  EXPECT_EQ(list[1].uploaded_by, 5);
  EXPECT_EQ(list[1].uploaded_at, at(1));
  EXPECT_EQ(list[1].obligation_key, kKey);
  VALUE_OR_FAIL(auto bytes, tx->reports().attachmentBytes(pdf.id));
  EXPECT_EQ(bytes, allBytes());
  VALUE_OR_FAIL(auto big_back, tx->reports().attachmentBytes(xlsx.id));
  EXPECT_EQ(big_back, big);
  // A removed attachment stays readable (a version may reference its hash), marked removed.
  VALUE_OR_FAIL(auto removed, tx->reports().attachment(gone.id));
  EXPECT_TRUE(removed.removed);
  EXPECT_EQ(removed.meta.name, "Bản nháp.docx");
  VALUE_OR_FAIL(auto removed_bytes, tx->reports().attachmentBytes(gone.id));
  EXPECT_EQ(removed_bytes, "x");
  VALUE_OR_FAIL(auto d, tx->reports().draft(kKey));
  EXPECT_EQ(d.revision, 5);
  EXPECT_CODE(tx->reports().attachment(999999), ErrorCode::NotFound);
  EXPECT_CODE(tx->reports().attachmentBytes(999999), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto none, tx->reports().attachments("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, ReportUnitWorkflowAndDelegations) {
  write([&](ports::Tx& tx) {
    EXPECT_CODE(tx.reports().unitWorkflow(42), ErrorCode::NotFound);
    EXPECT_OK(tx.reports().setUnitWorkflow({42, {3}, 1, at(1)}));
    EXPECT_OK(tx.reports().setUnitWorkflow({43, {1}, 1, at(1)}));
  });
  write([&](ports::Tx& tx) { EXPECT_OK(tx.reports().setUnitWorkflow({42, {2}, 2, at(2)})); });
  wf::Delegation d1{0, 42, 7, 8, "BC-KTXH", day(2026, 3, 1), day(2026, 3, 31), false};
  wf::Delegation d2{0, 42, 7, 9, "", day(2026, 4, 1), day(2026, 4, 30), false};
  wf::Delegation d3{0, 43, 7, 9, "", day(2026, 4, 1), day(2026, 4, 30), false};
  write([&](ports::Tx& tx) {
    VALUE_OR_FAIL(d1, tx.reports().addDelegation(d1));
    VALUE_OR_FAIL(d2, tx.reports().addDelegation(d2));
    VALUE_OR_FAIL(d3, tx.reports().addDelegation(d3));
    EXPECT_GT(d1.id, 0);
    EXPECT_OK(tx.reports().revokeDelegation(d1.id));
    EXPECT_CODE(tx.reports().revokeDelegation(999999), ErrorCode::NotFound);
  });
  auto tx = reader();
  VALUE_OR_FAIL(auto w, tx->reports().unitWorkflow(42));
  EXPECT_EQ(w.unit_id, 42);
  EXPECT_EQ(w.config.internal_steps, 2);
  EXPECT_EQ(w.updated_by, 2);
  EXPECT_EQ(w.updated_at, at(2));
  VALUE_OR_FAIL(auto w43, tx->reports().unitWorkflow(43));
  EXPECT_EQ(w43.config.internal_steps, 1);
  VALUE_OR_FAIL(auto list, tx->reports().delegations(42));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, d2.id);  // newest first
  EXPECT_EQ(list[1].id, d1.id);
  EXPECT_TRUE(list[1].revoked);
  EXPECT_FALSE(list[0].revoked);
  EXPECT_EQ(list[1].regime_code, "BC-KTXH");
  EXPECT_EQ(list[1].delegator_user_id, 7);
  EXPECT_EQ(list[1].delegate_user_id, 8);
  EXPECT_EQ(list[1].valid_from, day(2026, 3, 1));
  EXPECT_EQ(list[1].valid_to, day(2026, 3, 31));
  EXPECT_EQ(list[0].regime_code, "");
  VALUE_OR_FAIL(auto none, tx->reports().delegations(44));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreContract, ReportUncommittedTxLeavesNothing) {
  {
    auto tx = begin();
    auto& r = tx->reports();
    EXPECT_OK(r.saveCells(kKey, 0, values({{"CT01", "1"}}), 1, at(1)));
    EXPECT_OK(r.addVersion(kKey, version(kKey, 1)));
    EXPECT_OK(r.addSignature({kKey, 1, allBytes(), {"CN=A", at(2), 1, "ref"}}));
    EXPECT_OK(r.addHistory(kKey, {wf::Action::Submit, wf::State::Draft, wf::State::AwaitingCheck,
                                  1, at(1), "", 1}));
    EXPECT_OK(r.addComment({0, kKey, "", "x", 1, at(1), false}));
    EXPECT_OK(r.addAttachment({0, kKey, {"a.pdf", "application/pdf", 1, std::string(64, 'f')}, 1,
                               at(1), false},
                              "a"));
    EXPECT_OK(r.setUnitWorkflow({42, {1}, 1, at(1)}));
    EXPECT_OK(r.addDelegation({0, 42, 7, 8, "", day(2026, 1, 1), day(2026, 1, 2), false}));
  }  // destroyed without commit
  auto tx = reader();
  auto& r = tx->reports();
  VALUE_OR_FAIL(auto d, r.draft(kKey));
  EXPECT_EQ(d.revision, 0);
  EXPECT_TRUE(d.values.empty());
  VALUE_OR_FAIL(auto v, r.versions(kKey));
  EXPECT_TRUE(v.empty());
  EXPECT_CODE(r.signature(kKey, 1), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto h, r.history(kKey));
  EXPECT_TRUE(h.empty());
  VALUE_OR_FAIL(auto c, r.comments(kKey));
  EXPECT_TRUE(c.empty());
  VALUE_OR_FAIL(auto a, r.attachments(kKey));
  EXPECT_TRUE(a.empty());
  EXPECT_CODE(r.unitWorkflow(42), ErrorCode::NotFound);
  VALUE_OR_FAIL(auto del, r.delegations(42));
  EXPECT_TRUE(del.empty());
}

}  // namespace
}  // namespace baocao::contract
