// Assets (tree, status history), meters (no going backwards without reset) and the
// reliability figures (MTTR, MTBF, availability) on a hand-checked history.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

constexpr std::int64_t kHour = 3'600'000;

class AssetsTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    t0_ = At("2027-01-01");
  }
  void SetStatus(int n, const std::string& asset, const char* status, std::int64_t hours) {
    Ok("asset.set_status",
       {{"id", Id(n)}, {"asset_id", asset}, {"status", status}, {"at", t0_ + hours * kHour}});
  }
  std::int64_t t0_ = 0;
};

TEST_F(AssetsTest, TreeRules) {
  Ok("asset.create", {{"id", Id(1)}, {"kind", "site"}, {"name", "Usine"}});
  Ok("asset.create", {{"id", Id(2)}, {"kind", "line"}, {"name", "Ligne 1"}, {"parent_id", Id(1)}});
  Ok("asset.create", {{"id", Id(3)},
                      {"kind", "machine"},
                      {"name", "Presse"},
                      {"parent_id", Id(2)},
                      {"serial_number", "SN-42"},
                      {"manufacturer", "ACME"},
                      {"model", "P200"},
                      {"commissioned_on", "2020-06-15"},
                      {"criticality", "critical"}});
  Ok("asset.create",
     {{"id", Id(4)}, {"kind", "component"}, {"name", "Moteur"}, {"parent_id", Id(3)}});
  Ok("asset.create",
     {{"id", Id(5)}, {"kind", "machine"}, {"name", "Compresseur"}, {"parent_id", Id(1)}});
  ExpectError("asset.create",
              {{"id", Id(6)}, {"kind", "machine"}, {"name", "X"}, {"parent_id", Id(4)}},
              Code::kInvalidArgument, "parent_id");
  ExpectError("asset.create",
              {{"id", Id(6)}, {"kind", "line"}, {"name", "ligne 1"}, {"parent_id", Id(1)}},
              Code::kConflict, "name");
  ExpectError("asset.create", {{"id", Id(6)}, {"kind", "robot"}, {"name", "X"}},
              Code::kInvalidArgument, "kind");
  ExpectError("asset.create",
              {{"id", Id(6)}, {"kind", "machine"}, {"name", "X"}, {"location_id", Id(99)}},
              Code::kNotFound, "location_id");
  ExpectError("asset.create",
              {{"id", Id(6)}, {"kind", "machine"}, {"name", "X"}, {"client_id", Id(99)}},
              Code::kNotFound, "client_id");
  ExpectError(
      "asset.create",
      {{"id", Id(6)}, {"kind", "machine"}, {"name", "X"}, {"commissioned_on", "2020-13-01"}},
      Code::kInvalidArgument, "commissioned_on");
  ExpectError("asset.update", {{"id", Id(2)}, {"parent_id", Id(4)}}, Code::kInvalidArgument,
              "parent_id");
  ExpectError("asset.update", {{"id", Id(5)}, {"name", "Presse"}, {"parent_id", Id(2)}},
              Code::kConflict, "name");
  ExpectError("asset.create", {{"id", Id(6)}, {"kind", "site"}, {"name", "X"}}, Code::kForbidden,
              "", Role::kTechnician);
  Ok("asset.update", {{"id", Id(5)}, {"parent_id", Id(2)}, {"model", "C-90"}});
  Json list = Query("asset.list", Json::object());
  std::vector<std::string> names;
  for (const auto& a : list["items"])
    names.push_back(a["name"].get<std::string>() + "@" + std::to_string(a["depth"].get<int>()));
  EXPECT_EQ(names, (std::vector<std::string>{"Usine@0", "Ligne 1@1", "Compresseur@2", "Presse@2",
                                             "Moteur@3"}));
  EXPECT_EQ(Query("asset.list", {{"parent_id", Id(3)}})["items"].size(), 1u);
  Json presse = Query("asset.get", {{"id", Id(3)}});
  EXPECT_EQ(presse["criticality"], "critical");
  EXPECT_EQ(presse["children"].size(), 1u);
  EXPECT_EQ(presse["status"], "running");
  EXPECT_EQ(presse["status_history"].size(), 1u);  // the initial status
  ExpectError("asset.archive", {{"id", Id(3)}}, Code::kForbidden, "", Role::kTechnician);
}

TEST_F(AssetsTest, StatusHistoryAcceptsLateEventsInTheirPlace) {
  now_ = t0_;
  Ok("asset.create", {{"id", Id(1)}, {"kind", "machine"}, {"name", "M1"}});
  SetStatus(10, Id(1), "down", 100);
  SetStatus(11, Id(1), "running", 104);
  EXPECT_EQ(Query("asset.get", {{"id", Id(1)}})["status"], "running");
  // A technician reports a breakdown that happened earlier, synced late.
  OkAs("asset.set_status",
       {{"id", Id(12)}, {"asset_id", Id(1)}, {"status", "degraded"}, {"at", t0_ + 50 * kHour}},
       Role::kTechnician, "tech");
  Json a = Query("asset.get", {{"id", Id(1)}});
  EXPECT_EQ(a["status"], "running");  // still the latest
  ASSERT_EQ(a["status_history"].size(), 4u);
  EXPECT_EQ(a["status_history"][1]["status"], "degraded");
  EXPECT_EQ(a["status_history"][1]["previous_status"], "running");
  ExpectError("asset.set_status",
              {{"id", Id(13)}, {"asset_id", Id(1)}, {"status", "down"}, {"at", t0_ + 101 * kHour}},
              Code::kFailedPrecondition, "");  // already down then
  ExpectError("asset.set_status", {{"id", Id(13)}, {"asset_id", Id(1)}, {"status", "broken"}},
              Code::kInvalidArgument, "status");
  ExpectError("asset.set_status", {{"id", Id(13)}, {"asset_id", Id(9)}, {"status", "down"}},
              Code::kNotFound, "asset_id");
  ExpectError("asset.set_status", {{"id", Id(13)}, {"asset_id", Id(1)}, {"status", "down"}},
              Code::kForbidden, "", Role::kConsultant);
}

TEST_F(AssetsTest, MetersNeverGoBackwardsWithoutAReset) {
  Ok("asset.create", {{"id", Id(1)}, {"kind", "machine"}, {"name", "M1"}});
  Ok("meter.create", {{"id", Id(2)}, {"asset_id", Id(1)}, {"name", "Heures"}, {"unit", "h"}});
  ExpectError("meter.create",
              {{"id", Id(3)}, {"asset_id", Id(1)}, {"name", "heures"}, {"unit", "h"}},
              Code::kConflict, "name");
  auto read = [&](int n, const char* value, int hour, bool reset = false) {
    return Run("meter.record", {{"id", Id(n)},
                                {"meter_id", Id(2)},
                                {"value", value},
                                {"read_at", t0_ + hour * kHour},
                                {"reset", reset}});
  };
  ASSERT_TRUE(read(10, "100", 1).ok());
  ASSERT_TRUE(read(11, "150", 3).ok());
  ExpectError("meter.record",
              {{"id", Id(12)}, {"meter_id", Id(2)}, {"value", "120"}, {"read_at", t0_ + 4 * kHour}},
              Code::kInvalidArgument, "value");  // backwards
  ExpectError("meter.record",
              {{"id", Id(12)}, {"meter_id", Id(2)}, {"value", "160"}, {"read_at", t0_ + 2 * kHour}},
              Code::kInvalidArgument, "value");  // higher than a later reading
  ASSERT_TRUE(read(12, "120", 2).ok());          // back-dated, in order: fine
  ASSERT_TRUE(read(13, "20", 5, true).ok());     // meter replaced: restarts from zero
  ExpectError("meter.record",
              {{"id", Id(14)}, {"meter_id", Id(2)}, {"value", "10"}, {"read_at", t0_ + 6 * kHour}},
              Code::kInvalidArgument, "value");
  auto r = read(14, "50", 6);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()["total"], "200");  // 150 before the reset + 20 + 30
  Json readings = Query("meter.readings", {{"meter_id", Id(2)}});
  EXPECT_EQ(readings["total"], "200");
  ASSERT_EQ(readings["items"].size(), 5u);
  EXPECT_EQ(readings["items"][0]["value"], "50");
  EXPECT_EQ(readings["items"][1]["reset"], true);
  EXPECT_EQ(readings["items"][1]["total"], "170");
  EXPECT_EQ(Query("asset.get", {{"id", Id(1)}})["meters"][0]["total"], "200");
  ExpectError("meter.record", {{"id", Id(15)}, {"meter_id", Id(2)}, {"value", "-1"}},
              Code::kInvalidArgument, "value");
  ExpectError("meter.record", {{"id", Id(15)}, {"meter_id", Id(9)}, {"value", "1"}},
              Code::kNotFound, "meter_id");
  ExpectError("meter.record", {{"id", Id(14)}, {"meter_id", Id(2)}, {"value", "60"}},
              Code::kConflict, "id");
  OkAs("meter.record", {{"id", Id(15)}, {"meter_id", Id(2)}, {"value", "60"}}, Role::kTechnician,
       "tech");
  Ok("meter.archive", {{"id", Id(2)}});
  ExpectError("meter.record", {{"id", Id(16)}, {"meter_id", Id(2)}, {"value", "70"}},
              Code::kFailedPrecondition, "");
}

TEST_F(AssetsTest, MttrMtbfAvailabilityOnAHandCheckedHistory) {
  now_ = t0_;
  Ok("asset.create", {{"id", Id(1)}, {"kind", "machine"}, {"name", "M1"}});
  SetStatus(10, Id(1), "down", 100);     // failure 1
  SetStatus(11, Id(1), "running", 104);  // repaired after 4 h
  SetStatus(12, Id(1), "degraded", 200);
  SetStatus(13, Id(1), "down", 300);     // failure 2 (from degraded)
  SetStatus(14, Id(1), "running", 302);  // repaired after 2 h
  now_ = t0_ + 50 * kHour;
  Ok("asset.create", {{"id", Id(2)}, {"kind", "machine"}, {"name", "M2"}});
  SetStatus(20, Id(2), "down", 390);  // still down at the end of the window
  Json k = Query("asset.kpi", {{"from", t0_}, {"to", t0_ + 400 * kHour}});
  ASSERT_EQ(k["assets"].size(), 2u);
  Json m1 = k["assets"][0], m2 = k["assets"][1];
  EXPECT_EQ(m1["failures"], 2);
  EXPECT_EQ(m1["repairs"], 2);
  EXPECT_EQ(m1["mttr_hours"], "3");  // (4 + 2) / 2
  EXPECT_EQ(m1["uptime_ms"], 394 * kHour);
  EXPECT_EQ(m1["mtbf_hours"], "197");      // 394 / 2
  EXPECT_EQ(m1["availability"], "98.50");  // 394 / 400
  EXPECT_EQ(m2["failures"], 1);
  EXPECT_EQ(m2["repairs"], 0);
  EXPECT_TRUE(m2["mttr_ms"].is_null());
  EXPECT_EQ(m2["mtbf_hours"], "340");  // up from 50 h to 390 h
  EXPECT_EQ(m2["downtime_ms"], 10 * kHour);
  EXPECT_EQ(k["total"]["failures"], 3);
  EXPECT_EQ(k["total"]["mttr_hours"], "3");
  EXPECT_EQ(k["total"]["mtbf_hours"], "244.667");  // 734 / 3
  EXPECT_EQ(k["total"]["availability"], "97.87");  // 734 / 750
  // A window starting mid-repair: the repair that ends inside counts whole; failures and
  // uptime only inside the window.
  Json w = Query("asset.kpi",
                 {{"from", t0_ + 102 * kHour}, {"to", t0_ + 400 * kHour}, {"asset_id", Id(1)}});
  ASSERT_EQ(w["assets"].size(), 1u);
  EXPECT_EQ(w["assets"][0]["failures"], 1);
  EXPECT_EQ(w["assets"][0]["repairs"], 2);
  EXPECT_EQ(w["assets"][0]["mttr_hours"], "3");
  EXPECT_EQ(w["assets"][0]["uptime_ms"], 294 * kHour);
  EXPECT_EQ(w["assets"][0]["downtime_ms"], 4 * kHour);
  auto bad = core_->Query("asset.kpi", {{"from", t0_}, {"to", t0_}}, {"u", Role::kAdmin});
  EXPECT_EQ(bad.status().field(), "to");
  // History: work orders, parts and downtime of the asset.
  std::string store = Warehouse(30);
  std::string item = Item(31, "COURROIE", {{"unit_price_cents", 2999}});
  std::string t = Task(32, {{"asset_id", Id(1)}, {"status", "planned"}, {"type", "corrective"}});
  Ok("task.consume",
     {{"id", Id(33)}, {"task_id", t}, {"item_id", item}, {"location_id", store}, {"qty", 2}});
  Json h = Query("asset.history", {{"id", Id(1)}});
  EXPECT_EQ(h["work_orders"].size(), 1u);
  EXPECT_EQ(h["parts"].size(), 1u);
  EXPECT_EQ(h["parts_value_cents"], 5998);
  EXPECT_EQ(h["downtime"].size(), 2u);
  EXPECT_EQ(h["downtime"][0]["duration_ms"], 4 * kHour);
  EXPECT_EQ(h["downtime_ms"], 6 * kHour);
}

}  // namespace
}  // namespace invento
