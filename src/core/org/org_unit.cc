#include "core/org/org_unit.h"

#include "core/common/text.h"

namespace baocao::core::org {

namespace {
struct TypeRow {
  OrgType type;
  std::string_view id;
  std::string_view label;
};
constexpr TypeRow kTypes[] = {
    {OrgType::ProvinceCommittee, "province", "UBND tỉnh/thành phố"},
    {OrgType::Department, "department", "Sở, ban, ngành"},
    {OrgType::CommuneCommittee, "commune", "UBND xã/phường/đặc khu"},
    {OrgType::DistrictCommittee, "district", "UBND huyện (trước 01/7/2025)"},
    {OrgType::PublicServiceUnit, "public_service", "Đơn vị sự nghiệp"},
    {OrgType::VerticalAgency, "vertical", "Cơ quan ngành dọc"},
    {OrgType::Division, "division", "Phòng, ban"},
};
}  // namespace

std::string_view orgTypeId(OrgType t) {
  for (const auto& r : kTypes)
    if (r.type == t) return r.id;
  return "department";
}
std::string_view orgTypeLabel(OrgType t) {
  for (const auto& r : kTypes)
    if (r.type == t) return r.label;
  return "";
}
std::vector<OrgType> allOrgTypes() {
  std::vector<OrgType> v;
  for (const auto& r : kTypes) v.push_back(r.type);
  return v;
}
Result<OrgType> parseOrgType(std::string_view id) {
  for (const auto& r : kTypes)
    if (r.id == id) return r.type;
  return makeError(ErrorCode::InvalidField,
                   "Trường 'type': loại đơn vị '" + std::string(id) +
                       "' không hợp lệ (province, department, commune, district, public_service, "
                       "vertical, division)",
                   {{"type", "giá trị không hợp lệ"}});
}

std::string_view linkKindId(LinkKind k) {
  switch (k) {
    case LinkKind::Merge: return "merge";
    case LinkKind::Split: return "split";
    case LinkKind::Rename: return "rename";
  }
  return "merge";
}
Result<LinkKind> parseLinkKind(std::string_view id) {
  if (id == "merge") return LinkKind::Merge;
  if (id == "split") return LinkKind::Split;
  if (id == "rename") return LinkKind::Rename;
  return makeError(ErrorCode::InvalidField,
                   "Trường 'kind': '" + std::string(id) + "' không hợp lệ (merge, split, rename)",
                   {{"kind", "giá trị không hợp lệ"}});
}

Status validateUnit(const OrgUnit& u) {
  auto bad = [](const char* field, std::string msg) {
    return makeError(ErrorCode::InvalidField, std::string("Trường '") + field + "': " + msg,
                     {{field, msg}});
  };
  if (u.code.empty()) return bad("code", "không được để trống");
  if (u.code.size() > 32) return bad("code", "dài quá 32 ký tự");
  for (char c : u.code) {
    bool okc = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '-' || c == '_' || c == '.';
    if (!okc) return bad("code", "chỉ gồm chữ cái không dấu, chữ số, '-', '_', '.'");
  }
  if (!text::isValidUtf8(u.name)) return bad("name", "không phải UTF-8 hợp lệ");
  if (text::trim(u.name).empty()) return bad("name", "không được để trống");
  if (u.name.size() > 300) return bad("name", "dài quá 300 byte");
  if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from)
    return bad("valid_to", "ngày hết hiệu lực trước ngày bắt đầu hiệu lực");
  if (u.parent_id && *u.parent_id == u.id && u.id != 0)
    return makeError(ErrorCode::InvalidHierarchy, "Trường 'parent_id': đơn vị không thể là cấp trên của chính nó",
                     {{"parent_id", "vòng lặp"}});
  return ok();
}

Status validateLink(const SuccessorLink& l) {
  if (l.from_id == l.to_id)
    return makeError(ErrorCode::InvalidField, "Trường 'to_id': đơn vị kế thừa trùng đơn vị cũ",
                     {{"to_id", "trùng from_id"}});
  if (!(l.share > 0.0 && l.share <= 1.0))
    return makeError(ErrorCode::InvalidField, "Trường 'share': tỷ lệ phải trong (0; 1]",
                     {{"share", "ngoài khoảng (0; 1]"}});
  return ok();
}

}  // namespace baocao::core::org
