// The organisation tree: units (provinces, agencies, communes, divisions, historic districts)
// with validity dates and successor links, so that reorganisations (2025: 63 -> 34 provinces,
// ~10,000 -> 3,321 communes, districts abolished) keep the old units and their history.
// (DOMAIN.md "The organisation tree"; 002 Đ8.4; Decree 09/2019 Art. 2.)
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/result.h"

namespace baocao::core::org {

enum class OrgType {
  ProvinceCommittee,   // UBND tỉnh/thành phố
  Department,          // sở, ban, ngành
  CommuneCommittee,    // UBND xã/phường/đặc khu
  DistrictCommittee,   // UBND huyện/quận/thị xã/thành phố thuộc tỉnh (historic since 1/7/2025)
  PublicServiceUnit,   // đơn vị sự nghiệp
  VerticalAgency,      // ngành dọc (Thống kê, Kho bạc, BHXH, NHNN)
  Division,            // phòng, ban bên trong một cơ quan
};

/// Stable wire/storage name: "province", "department", "commune", "district", "public_service",
/// "vertical", "division".
std::string_view orgTypeId(OrgType t);
Result<OrgType> parseOrgType(std::string_view id);
/// Vietnamese label, e.g. "UBND xã/phường/đặc khu".
std::string_view orgTypeLabel(OrgType t);
std::vector<OrgType> allOrgTypes();

struct OrgUnit {
  int64_t id = 0;                  // assigned by the store
  std::string code;                // official GSO code for administrative units, else own code
  std::string name;                // Vietnamese, NFC, e.g. "Phường Thủ Đức"
  OrgType type = OrgType::Department;
  std::optional<int64_t> parent_id;
  int level = 1;                   // depth in the tree: root = 1
  std::optional<Date> valid_from;  // inclusive; empty = since ever
  std::optional<Date> valid_to;    // inclusive; empty = still in force
  int64_t version = 1;             // optimistic concurrency: bumped on every change

  bool activeOn(Date d) const {
    return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to);
  }
};

enum class LinkKind { Merge, Split, Rename };
std::string_view linkKindId(LinkKind k);
Result<LinkKind> parseLinkKind(std::string_view id);

/// A predecessor -> successor edge. Merge: many old -> one new (share = part of the old unit
/// that went to the new one, 1.0 when whole). Split: one old -> many new with shares summing
/// to 1 (data of the old unit is apportioned by share when re-aggregating).
struct SuccessorLink {
  int64_t id = 0;
  int64_t from_id = 0;
  int64_t to_id = 0;
  LinkKind kind = LinkKind::Merge;
  double share = 1.0;
  Date effective;            // the day the successor took over (e.g. 2025-07-01)
};

/// Validates the fields a user supplies. Errors name the field in Vietnamese.
Status validateUnit(const OrgUnit& u);
Status validateLink(const SuccessorLink& l);

}  // namespace baocao::core::org
