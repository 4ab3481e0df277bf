#include "core/workflow/submission.h"

#include <algorithm>

namespace baocao::core::workflow {

namespace {

template <typename Map>
void diffMaps(Difference::Kind kind, const Map& a, const Map& b, std::vector<Difference>& out) {
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      out.push_back({kind, ia->first, ia->second, std::nullopt});
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      out.push_back({kind, ib->first, std::nullopt, ib->second});
      ++ib;
    } else {
      if (ia->second != ib->second) out.push_back({kind, ia->first, ia->second, ib->second});
      ++ia;
      ++ib;
    }
  }
}

bool isSha256Hex(const std::string& h) {
  return h.size() == 64 && std::all_of(h.begin(), h.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::vector<Difference> compareContents(const ReportContent& older, const ReportContent& newer) {
  std::vector<Difference> out;
  diffMaps(Difference::Kind::Value, older.values, newer.values, out);
  diffMaps(Difference::Kind::Narrative, older.narrative, newer.narrative, out);
  // Attachments compare by name; the shown value is "sha256 (size bytes)".
  auto byName = [](const std::vector<Attachment>& v) {
    std::map<std::string, std::string> m;
    for (const auto& a : v) m[a.name] = a.sha256 + " (" + std::to_string(a.size) + " byte)";
    return m;
  };
  diffMaps(Difference::Kind::Attachment, byName(older.attachments), byName(newer.attachments), out);
  return out;
}

Submission Submission::restore(std::string obligation_key, State state,
                               std::vector<SubmissionVersion> versions,
                               std::vector<HistoryEntry> history) {
  Submission s(std::move(obligation_key));
  s.state_ = state;
  s.versions_ = std::move(versions);
  s.history_ = std::move(history);
  for (const auto& h : s.history_) {
    if (h.to != State::Sent) continue;
    if (!s.first_sent_at_) s.first_sent_at_ = h.at;
    s.last_sent_at_ = h.at;
  }
  return s;
}

const SubmissionVersion* Submission::latest() const {
  return versions_.empty() ? nullptr : &versions_.back();
}

Result<SubmissionVersion> Submission::version(int number) const {
  if (number < 1 || number > static_cast<int>(versions_.size()))
    return makeError(ErrorCode::NotFound,
                     "Không có phiên bản " + std::to_string(number) + " của báo cáo");
  return versions_[number - 1];
}

Result<int> Submission::freezeVersion(std::string content_hash, int64_t by_user_id, Timestamp at,
                                      std::string note) {
  if (!isSha256Hex(content_hash))
    return makeError(ErrorCode::InvalidField,
                     "Mã băm nội dung phải gồm 64 chữ số thập lục phân viết thường",
                     {{"content_hash", "không phải SHA-256"}});
  if (state_ != State::Draft && state_ != State::Returned)
    return makeError(ErrorCode::InvalidTransition,
                     "Không thể lưu phiên bản mới khi báo cáo đang ở trạng thái «" +
                         std::string(stateLabel(state_)) + "»");
  if (!versions_.empty() && versions_.back().content_hash == content_hash)
    return versions_.back().number;
  const int number = static_cast<int>(versions_.size()) + 1;
  versions_.push_back({number, std::move(content_hash), at, by_user_id, std::move(note), {}});
  return number;
}

Status Submission::attachSignature(int number, SignatureInfo signature) {
  BAOCAO_ASSIGN(auto v, version(number));
  if (number != static_cast<int>(versions_.size()))
    return makeError(ErrorCode::InvalidTransition,
                     "Chỉ ký được phiên bản mới nhất (" + std::to_string(versions_.size()) + ")");
  if (v.signature)
    return makeError(ErrorCode::InvalidTransition,
                     "Phiên bản " + std::to_string(number) + " đã được ký; chữ ký không thay đổi");
  versions_.back().signature = std::move(signature);
  return ok();
}

Result<State> Submission::perform(const Situation& situation, Action action,
                                  std::string_view reason, Timestamp at, bool signature_required) {
  Situation s = situation;
  s.state = state_;
  BAOCAO_ASSIGN(State to, apply(s, action, reason));
  if (action == Action::Submit && versions_.empty())
    return makeError(ErrorCode::InvalidTransition, "Chưa lưu phiên bản nào của báo cáo để trình");
  if (action == Action::Approve && signature_required &&
      (versions_.empty() || !versions_.back().signature))
    return makeError(ErrorCode::InvalidTransition,
                     "Phải ký số phiên bản " + std::to_string(versions_.size()) +
                         " trước khi duyệt (Điều 4 khoản 2, Điều 5 khoản 5)");
  if (to == State::Sent) {
    if (!first_sent_at_) first_sent_at_ = at;
    last_sent_at_ = at;
  }
  history_.push_back({action, state_, to, s.actor.user_id, at, std::string(reason),
                      static_cast<int>(versions_.size())});
  state_ = to;
  return to;
}

}  // namespace baocao::core::workflow
