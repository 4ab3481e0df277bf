// The whole country — 34 provinces, 3,321 communes and the pre-2025 tree with successor links —
// imports in one all-or-nothing transaction, and a second import changes nothing.
#include <gtest/gtest.h>

#include "test_server.h"

namespace baocao::testing {
namespace {

TEST(OrgNational, WholeCountryImportsAndReimportsUnchanged) {
  TestServer srv(false);
  std::string file = std::string(BAOCAO_REPO_ROOT) + "/data/orgs/vn-2025.json";
  auto first = server::importOrgFile(srv.runtime(), file, "");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->created, 14122);
  EXPECT_EQ(first->links, 10628);
  auto again = server::importOrgFile(srv.runtime(), file, "");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 14122);

  auto tx = srv.runtime().store().begin(core::ports::TxMode::Read);
  core::ports::OrgQuery q;
  q.active_on = core::Date::fromYmd(2025, 7, 1);
  q.type = core::org::OrgType::ProvinceCommittee;
  EXPECT_EQ(tx.value()->orgs().count(q).value(), 34);
  q.type = core::org::OrgType::CommuneCommittee;
  EXPECT_EQ(tx.value()->orgs().count(q).value(), 3321);
  q.active_on = core::Date::fromYmd(2025, 6, 30);
  q.type = core::org::OrgType::ProvinceCommittee;
  EXPECT_EQ(tx.value()->orgs().count(q).value(), 63);
  q.type = core::org::OrgType::DistrictCommittee;
  EXPECT_EQ(tx.value()->orgs().count(q).value(), 696);
  q.type = core::org::OrgType::CommuneCommittee;
  EXPECT_EQ(tx.value()->orgs().count(q).value(), 10035);
}

}  // namespace
}  // namespace baocao::testing
