#include "core/security/account.h"

#include "core/common/text.h"

namespace baocao::core::security {

namespace {
struct RoleRow {
  Role role;
  std::string_view id;
  std::string_view label;
};
constexpr RoleRow kRoles[] = {
    {Role::SystemAdmin, "system_admin", "Quản trị hệ thống"},
    {Role::UnitAdmin, "unit_admin", "Quản trị đơn vị"},
    {Role::DataEntry, "data_entry", "Nhập liệu"},
    {Role::Reviewer, "reviewer", "Kiểm tra (lãnh đạo phòng)"},
    {Role::Approver, "approver", "Phê duyệt, ký số (lãnh đạo đơn vị)"},
    {Role::Sender, "sender", "Gửi báo cáo"},
    {Role::Aggregator, "aggregator", "Tổng hợp"},
    {Role::Viewer, "viewer", "Xem"},
    {Role::Inspector, "inspector", "Thanh tra, kiểm tra"},
};
}  // namespace

std::string_view roleId(Role r) {
  for (const auto& x : kRoles)
    if (x.role == r) return x.id;
  return "viewer";
}
std::string_view roleLabel(Role r) {
  for (const auto& x : kRoles)
    if (x.role == r) return x.label;
  return "";
}
Result<Role> parseRole(std::string_view id) {
  for (const auto& x : kRoles)
    if (x.id == id) return x.role;
  return makeError(ErrorCode::InvalidField, "Trường 'role': vai trò '" + std::string(id) + "' không tồn tại",
                   {{"role", "giá trị không hợp lệ"}});
}
std::vector<Role> allRoles() {
  std::vector<Role> v;
  for (const auto& x : kRoles) v.push_back(x.role);
  return v;
}

Status validateUser(const User& u) {
  auto bad = [](const char* field, std::string msg) {
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + field + "': " + msg,
                     {{field, msg}});
  };
  if (u.username.size() < 3 || u.username.size() > 64)
    return bad("username", "tên đăng nhập phải từ 3 đến 64 ký tự");
  for (size_t i = 0; i < u.username.size(); ++i) {
    char c = u.username[i];
    bool okc = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!okc)
      return bad("username", "ký tự " + std::to_string(i + 1) +
                                 ": chỉ dùng chữ thường không dấu, chữ số, '.', '_', '-'");
  }
  if (!text::isValidUtf8(u.full_name)) return bad("full_name", "không phải UTF-8 hợp lệ");
  if (text::trim(u.full_name).empty()) return bad("full_name", "không được để trống");
  if (u.full_name.size() > 200) return bad("full_name", "dài quá 200 byte");
  if (!u.email.empty() && (u.email.find('@') == std::string::npos || u.email.size() > 200))
    return bad("email", "địa chỉ thư điện tử không hợp lệ");
  for (char c : u.phone)
    if (!((c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '.'))
      return bad("phone", "số điện thoại chỉ gồm chữ số, '+', khoảng trắng");
  if (u.unit_id <= 0) return bad("unit_id", "phải chọn đơn vị công tác");
  return ok();
}

}  // namespace baocao::core::security
