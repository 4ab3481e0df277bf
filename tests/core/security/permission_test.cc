// Role -> action table and unit scope.
#include "core/security/permission.h"

#include <gtest/gtest.h>

#include <map>

namespace baocao::core::security {
namespace {

// Tree: 1 city > 2 Sở Tài chính > 3 Phòng QLNS; 1 > 4 Sở Y tế
const std::map<int64_t, int64_t> kParent = {{2, 1}, {3, 2}, {4, 1}};
bool anc(int64_t a, int64_t u) {
  for (int64_t cur = u;;) {
    if (cur == a) return true;
    auto it = kParent.find(cur);
    if (it == kParent.end()) return false;
    cur = it->second;
  }
}

TEST(Permission, SubtreeGrantCoversDescendantsOnly) {
  std::vector<Grant> g = {{1, 9, Role::UnitAdmin, 2, true}};
  EXPECT_TRUE(permits(g, Action::OrgWrite, 2, anc));
  EXPECT_TRUE(permits(g, Action::OrgWrite, 3, anc));
  EXPECT_FALSE(permits(g, Action::OrgWrite, 4, anc));
  EXPECT_FALSE(permits(g, Action::OrgWrite, 1, anc));
}

TEST(Permission, UnitOnlyGrantDoesNotReachChildren) {
  std::vector<Grant> g = {{1, 9, Role::UnitAdmin, 2, false}};
  EXPECT_TRUE(permits(g, Action::UserManage, 2, anc));
  EXPECT_FALSE(permits(g, Action::UserManage, 3, anc));
}

TEST(Permission, RolesGrantOnlyTheirActions) {
  for (Role r : {Role::DataEntry, Role::Reviewer, Role::Approver, Role::Sender, Role::Aggregator, Role::Viewer}) {
    EXPECT_TRUE(rolePermits(r, Action::OrgRead));
    EXPECT_FALSE(rolePermits(r, Action::OrgWrite));
    EXPECT_FALSE(rolePermits(r, Action::UserManage));
    EXPECT_FALSE(rolePermits(r, Action::AuditRead));
  }
  EXPECT_TRUE(rolePermits(Role::Inspector, Action::AuditRead));
  EXPECT_FALSE(rolePermits(Role::Inspector, Action::OrgWrite));
  EXPECT_FALSE(rolePermits(Role::UnitAdmin, Action::CalendarWrite));
}

TEST(Permission, UnitAdminCannotGrantSystemAdminOrOutsideScope) {
  std::vector<Grant> me = {{1, 9, Role::UnitAdmin, 2, true}};
  EXPECT_TRUE(mayGrant(me, {0, 5, Role::DataEntry, 3, false}, anc));
  EXPECT_FALSE(mayGrant(me, {0, 5, Role::SystemAdmin, 2, true}, anc));
  EXPECT_FALSE(mayGrant(me, {0, 5, Role::Viewer, 4, true}, anc));
  std::vector<Grant> narrow = {{1, 9, Role::UnitAdmin, 2, false}};
  EXPECT_FALSE(mayGrant(narrow, {0, 5, Role::Viewer, 2, true}, anc));
}

TEST(Permission, IndicatorAndTargetActionsFollowTheRoles) {
  // Unit admins keep their agency's indicators and register its targets, never assign.
  EXPECT_TRUE(rolePermits(Role::UnitAdmin, Action::IndicatorWrite));
  EXPECT_TRUE(rolePermits(Role::UnitAdmin, Action::TargetRegister));
  EXPECT_FALSE(rolePermits(Role::UnitAdmin, Action::TargetAssign));
  // Data entry registers; the aggregator of the plan owner assigns; the approver does both.
  EXPECT_TRUE(rolePermits(Role::DataEntry, Action::TargetRegister));
  EXPECT_FALSE(rolePermits(Role::DataEntry, Action::TargetAssign));
  EXPECT_TRUE(rolePermits(Role::Aggregator, Action::TargetAssign));
  EXPECT_FALSE(rolePermits(Role::Aggregator, Action::TargetRegister));
  EXPECT_TRUE(rolePermits(Role::Approver, Action::TargetRegister));
  EXPECT_TRUE(rolePermits(Role::Approver, Action::TargetAssign));
  for (Role r : {Role::DataEntry, Role::Reviewer, Role::Approver, Role::Sender, Role::Aggregator,
                 Role::Viewer, Role::Inspector})
    EXPECT_FALSE(rolePermits(r, Action::IndicatorWrite)) << roleId(r);
  for (Role r : {Role::Reviewer, Role::Sender, Role::Viewer, Role::Inspector}) {
    EXPECT_FALSE(rolePermits(r, Action::TargetRegister)) << roleId(r);
    EXPECT_FALSE(rolePermits(r, Action::TargetAssign)) << roleId(r);
  }
  // Scope: an aggregator of the city (subtree) assigns to every agency; one of Sở Tài chính
  // (unit only) cannot assign on the city.
  std::vector<Grant> city = {{1, 9, Role::Aggregator, 1, true}};
  EXPECT_TRUE(permits(city, Action::TargetAssign, 1, anc));
  std::vector<Grant> stc = {{1, 9, Role::Approver, 2, true}};
  EXPECT_TRUE(permits(stc, Action::TargetRegister, 3, anc));
  EXPECT_FALSE(permits(stc, Action::TargetAssign, 1, anc));
  EXPECT_EQ(actionId(Action::TargetAssign), "target.assign");
}

TEST(Permission, RoleIdsRoundTrip) {
  for (Role r : allRoles()) {
    auto back = parseRole(roleId(r));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, r);
    EXPECT_FALSE(roleLabel(r).empty());
  }
  EXPECT_FALSE(parseRole("root"));
}

}  // namespace
}  // namespace baocao::core::security
