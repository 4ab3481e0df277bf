#include "core/security/password_policy.h"

#include <cctype>
#include <string>
#include <vector>

#include "core/common/text.h"

namespace baocao::core::security {

namespace {

std::string digitsOnly(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

bool containsFolded(const std::string& hay_folded, std::string_view needle) {
  std::string n = text::foldVietnamese(needle);
  // ignore spaces inside the name: "Nguyen Van A" also matches "nguyenvana"
  std::string compact;
  for (char c : n)
    if (c != ' ') compact.push_back(c);
  return compact.size() >= 3 && hay_folded.find(compact) != std::string::npos;
}

}  // namespace

Status checkPassword(std::string_view pw, const User& user, const PasswordPolicy& p) {
  std::vector<std::string> problems;
  if (!text::isValidUtf8(pw)) problems.push_back("không phải UTF-8 hợp lệ");
  if (static_cast<int>(pw.size()) < p.min_length)
    problems.push_back("cần ít nhất " + std::to_string(p.min_length) + " ký tự");
  if (pw.size() > 256) problems.push_back("dài quá 256 ký tự");
  bool up = false, lo = false, dg = false, sp = false;
  for (unsigned char c : pw) {
    if (std::isupper(c)) up = true;
    else if (std::islower(c)) lo = true;
    else if (std::isdigit(c)) dg = true;
    else if (c >= 0x21 && c < 0x7f) sp = true;
    else if (c >= 0x80) sp = true;  // non-ASCII letters count as special, not as upper/lower
  }
  if (!up) problems.push_back("thiếu chữ in hoa");
  if (!lo) problems.push_back("thiếu chữ thường");
  if (!dg) problems.push_back("thiếu chữ số");
  if (!sp) problems.push_back("thiếu ký tự đặc biệt");

  std::string folded;
  for (char c : text::foldVietnamese(pw))
    if (c != ' ') folded.push_back(c);
  // Name: the whole name, and each word of 3+ letters (family or given name).
  bool has_name = containsFolded(folded, user.username);
  if (!has_name) {
    std::string fn = text::foldVietnamese(user.full_name);
    if (containsFolded(folded, fn)) has_name = true;
    size_t start = 0;
    while (!has_name && start <= fn.size()) {
      size_t end = fn.find(' ', start);
      if (end == std::string::npos) end = fn.size();
      std::string word = fn.substr(start, end - start);
      if (word.size() >= 3 && folded.find(word) != std::string::npos) has_name = true;
      start = end + 1;
    }
  }
  if (has_name) problems.push_back("không được chứa tên người dùng");
  std::string pw_digits = digitsOnly(pw);
  if (user.birth_date) {
    const Date& b = *user.birth_date;
    char a[16], c[16], d[16];
    std::snprintf(a, sizeof a, "%02u%02u%04d", b.day(), b.month(), b.year());
    std::snprintf(c, sizeof c, "%04d%02u%02u", b.year(), b.month(), b.day());
    std::snprintf(d, sizeof d, "%02u%02u%02d", b.day(), b.month(), b.year() % 100);
    if (pw_digits.find(a) != std::string::npos || pw_digits.find(c) != std::string::npos ||
        pw_digits.find(d) != std::string::npos)
      problems.push_back("không được chứa ngày sinh");
  }
  std::string phone = digitsOnly(user.phone);
  if (phone.size() >= 6) {
    // the last 6+ digits of the phone number (with or without the leading 0 / +84)
    std::string tail = phone.substr(phone.size() - 6);
    if (pw_digits.find(tail) != std::string::npos)
      problems.push_back("không được chứa số điện thoại");
  }
  if (problems.empty()) return ok();
  std::string msg = "Trường 'new_password': mật khẩu ";
  for (size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
  std::vector<ErrorDetail> details;
  for (auto& pr : problems) details.push_back({"new_password", pr});
  return makeError(ErrorCode::WeakPassword, msg, std::move(details));
}

bool passwordChangeDue(const User& user, Timestamp now, const PasswordPolicy& p) {
  if (user.must_change_password) return true;
  return now.seconds() - user.password_changed_at.seconds() >= int64_t{p.max_age_days} * 86400;
}

}  // namespace baocao::core::security
