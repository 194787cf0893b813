// Preventive plans: generation (deterministic, duplicate-free, twice or on two devices),
// calendar and meter triggers (with a meter reset), due/overdue and compliance.
#include <gtest/gtest.h>

#include "core/maintenance/pm_schedule.h"
#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

// A second device (its own core) running mutators as user-2.
struct OtherDevice {
  Core* core;
  std::int64_t now;
  Role role;
  Json Ok(const std::string& name, const Json& args) {
    auto r = core->Mutate(name, args, {.actor = {"user-2", role}, .now_ms = now});
    EXPECT_TRUE(r.ok()) << name << " " << r.status().ToString();
    return r.ok() ? r.value() : Json();
  }
};

class PmTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    Seed(*this);
  }
  // The same reference data on any core (a second device in the two-device test).
  template <typename F>
  static void Seed(F& f) {
    f.Ok("location.create", {{"id", Id(1)}, {"kind", "site"}, {"name", "Usine"}});
    f.Ok("asset.create",
         {{"id", Id(2)}, {"kind", "machine"}, {"name", "Presse"}, {"location_id", Id(1)}});
    f.Ok("team.create", {{"id", Id(3)}, {"name", "Maintenance"}});
    f.Ok("pm.create", {{"id", Id(10)},
                       {"asset_id", Id(2)},
                       {"title", "Graissage mensuel"},
                       {"trigger", "calendar"},
                       {"interval_n", 1},
                       {"interval_unit", "month"},
                       {"start_date", "2027-01-31"},
                       {"estimated_hours", "1.5"},
                       {"team_id", Id(3)},
                       {"checklist",
                        {{{"label", "Graisser les paliers"}, {"required", true}},
                         {{"label", "Vérifier le niveau"}}}}});
  }
  Json Generate(const std::string& as_of) { return Ok("pm.generate", {{"as_of", as_of}}); }
  std::vector<std::string> DueDates(const Json& generated) {
    std::vector<std::string> out;
    for (const auto& c : generated["created"]) out.push_back(c["due_date"].get<std::string>());
    return out;
  }
};

TEST_F(PmTest, CalendarGenerationAcrossMonthEndsIsIdempotent) {
  Json g = Generate("2027-03-15");
  EXPECT_EQ(DueDates(g), (std::vector<std::string>{"2027-01-31", "2027-02-28"}));
  std::string feb = maint::PmWorkOrderId(Id(10), "2027-02-28");
  EXPECT_EQ(g["created"][1]["task_id"], feb);
  Json t = Query("task.get", {{"id", feb}});
  EXPECT_EQ(t["status"], "planned");
  EXPECT_EQ(t["type"], "preventive");
  EXPECT_EQ(t["due_date"], "2027-02-28");
  EXPECT_EQ(t["location_id"], Id(1));
  EXPECT_EQ(t["estimated_hours"], "1.5");
  EXPECT_EQ(t["checklist"].size(), 2u);
  EXPECT_EQ(t["checklist"][0]["required"], true);
  EXPECT_EQ(t["assignees"][0]["team_id"], Id(3));
  // Running it again creates nothing.
  g = Generate("2027-03-15");
  EXPECT_TRUE(g["created"].empty());
  EXPECT_EQ(Query("task.list", {{"asset_id", Id(2)}})["items"].size(), 2u);
  // Later: March 31 (not March 28: no drift), April 30.
  EXPECT_EQ(DueDates(Generate("2027-04-30")),
            (std::vector<std::string>{"2027-03-31", "2027-04-30"}));
  // A work order deleted by an admin is not resurrected.
  Ok("task.delete", {{"id", feb}});
  Ok("pm.update", {{"id", Id(10)}, {"lead_days", 0}});
  g = Ok("pm.generate", {{"as_of", "2027-04-30"}, {"plan_id", Id(10)}});
  EXPECT_TRUE(g["created"].empty());
}

TEST_F(PmTest, LeadTimeAndLeapYear) {
  Ok("pm.create", {{"id", Id(11)},
                   {"asset_id", Id(2)},
                   {"title", "Contrôle annuel"},
                   {"trigger", "calendar"},
                   {"interval_n", 1},
                   {"interval_unit", "year"},
                   {"start_date", "2028-02-29"},
                   {"lead_days", 30}});
  Ok("pm.set_active", {{"id", Id(10)}, {"active", false}});
  EXPECT_TRUE(Generate("2028-01-29")["created"].empty());
  EXPECT_EQ(DueDates(Generate("2028-01-30")), (std::vector<std::string>{"2028-02-29"}));
  EXPECT_EQ(DueDates(Generate("2029-01-29")), (std::vector<std::string>{"2029-02-28"}));
  EXPECT_EQ(DueDates(Generate("2032-02-01")),
            (std::vector<std::string>{"2030-02-28", "2031-02-28", "2032-02-29"}));
}

TEST_F(PmTest, TwoDevicesGeneratingOfflineCreateTheSameRows) {
  auto other = Core::Open({});
  ASSERT_TRUE(other.ok());
  OtherDevice b{other->get(), now_, Role::kManager};
  Seed(b);
  Json on_a = Generate("2027-04-30");
  Json on_b = b.Ok("pm.generate", {{"as_of", "2027-04-30"}});
  ASSERT_EQ(on_a["created"].size(), 4u);
  EXPECT_EQ(on_a["created"], on_b["created"]);  // same ids, same occurrences
  // Sync: device B's rows arrive on device A (upsert by id): still four work orders, and the
  // checklist items and team assignment are the same rows too.
  auto count = [&](const char* table) {
    return core_->db().QueryValue(std::string("SELECT count(*) FROM ") + table).value().get<int>();
  };
  int tasks = count("tasks"), items = count("checklist_items"), assignees = count("task_assignees");
  for (const char* table : {"tasks", "checklist_items", "task_assignees"}) {
    auto st = (*other)->db().Prepare(std::string("SELECT * FROM ") + table);
    while (st->Step().value()) {
      ASSERT_TRUE(
          WriteTx::WriteFullRow(core_->db(), *core_->tables().Find(table), st->RowObject()).ok());
    }
  }
  EXPECT_EQ(count("tasks"), tasks);
  EXPECT_EQ(count("checklist_items"), items);
  EXPECT_EQ(count("task_assignees"), assignees);
  // The server replays device B's mutation after device A's: nothing new.
  Json replay = Generate("2027-04-30");
  EXPECT_TRUE(replay["created"].empty());
}

TEST_F(PmTest, WorkOrdersThatArrivedFromAnotherDeviceAreNotCreatedAgain) {
  // Device B generated and deleted one of its work orders; only the work orders (not the
  // plan's progress marker) reached device A before A generates for the same period.
  auto other = Core::Open({});
  ASSERT_TRUE(other.ok());
  OtherDevice b{other->get(), now_, Role::kAdmin};
  Seed(b);
  Json on_b = b.Ok("pm.generate", {{"as_of", "2027-04-30"}});
  ASSERT_EQ(on_b["created"].size(), 4u);
  const std::string dropped = on_b["created"][1]["task_id"].get<std::string>();
  b.Ok("task.delete", {{"id", dropped}});
  auto st = (*other)->db().Prepare("SELECT * FROM tasks");
  while (st->Step().value()) {
    ASSERT_TRUE(
        WriteTx::WriteFullRow(core_->db(), *core_->tables().Find("tasks"), st->RowObject()).ok());
  }
  Json on_a = Generate("2027-04-30");
  EXPECT_TRUE(on_a["created"].empty()) << on_a.dump();
  EXPECT_EQ(on_a["existing"], 4);  // the deleted one included: it is not resurrected
  EXPECT_EQ(core_->db()
                .QueryValue("SELECT deleted FROM tasks WHERE id = ?", {Json(dropped)})
                .value(),
            1);
}

// The editor's preview: the next occurrences of a schedule not yet saved, computed as
// pm.due and pm.generate will; refused fields are named.
TEST_F(PmTest, PreviewShowsTheNextOccurrencesOfAScheduleBeforeItIsSaved) {
  const Json monthly{{"trigger", "calendar"}, {"interval_n", 1}, {"interval_unit", "month"},
                     {"start_date", "2027-01-31"}, {"lead_days", 3}};
  auto dates = [](const Json& preview) {
    std::vector<std::string> out;
    for (const auto& i : preview["items"]) out.push_back(i["due_date"].get<std::string>());
    return out;
  };
  Json args = monthly;
  args["count"] = 4;
  Json cal = Query("pm.preview", args);
  EXPECT_EQ(dates(cal), (std::vector<std::string>{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}));
  EXPECT_EQ(cal["items"][0]["generated_on"], "2027-01-28");
  args["count"] = 2;
  args["from"] = "2027-03-01";
  EXPECT_EQ(dates(Query("pm.preview", args)), (std::vector<std::string>{"2027-03-31", "2027-04-30"}));
  args["from"] = "2027-02-28";  // an occurrence on `from` is included
  EXPECT_EQ(dates(Query("pm.preview", args)), (std::vector<std::string>{"2027-02-28", "2027-03-31"}));
  EXPECT_EQ(Query("pm.preview", monthly)["items"].size(), 5u);  // five by default

  Ok("meter.create", {{"id", Id(20)}, {"asset_id", Id(2)}, {"name", "Heures"}, {"unit", "h"}});
  Ok("meter.record", {{"id", Id(30)}, {"meter_id", Id(20)}, {"value", "1000"}, {"read_at", At("2027-01-02")}});
  Ok("meter.record", {{"id", Id(31)}, {"meter_id", Id(20)}, {"value", "1320"}, {"read_at", At("2027-01-03")}});
  const Json meter{{"trigger", "meter"}, {"meter_id", Id(20)}, {"meter_interval", "500"}, {"lead_units", "50"}, {"count", 3}};
  Json m = Query("pm.preview", meter);
  const std::int64_t total = std::stoll(m["meter_total"].get<std::string>());
  ASSERT_EQ(m["items"].size(), 3u);
  EXPECT_EQ(m["items"][0]["threshold"], std::to_string(total + 500));  // from the total now
  EXPECT_EQ(m["items"][0]["generated_at"], std::to_string(total + 450));
  EXPECT_EQ(m["items"][0]["remaining"], "500");
  EXPECT_EQ(m["items"][2]["threshold"], std::to_string(total + 1500));
  Json from_zero = meter;
  from_zero["meter_base"] = "0";
  Json z = Query("pm.preview", from_zero);
  const std::int64_t next = (total / 500 + 1) * 500;  // the first multiple of 500 not yet reached
  EXPECT_EQ(z["items"][0]["threshold"], std::to_string(next));
  EXPECT_EQ(z["items"][0]["remaining"], std::to_string(next - total));

  auto refused = [&](Json a, Code code, const std::string& field) {
    auto r = core_->Query("pm.preview", a, {"user-1", Role::kManager});
    ASSERT_FALSE(r.ok()) << a.dump();
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_EQ(r.status().field(), field) << r.status().ToString();
  };
  Json bad = monthly;
  bad.erase("start_date");
  refused(bad, Code::kInvalidArgument, "start_date");
  bad = monthly;
  bad["interval_n"] = 0;
  refused(bad, Code::kInvalidArgument, "interval_n");
  bad = monthly;
  bad["count"] = 25;
  refused(bad, Code::kInvalidArgument, "count");
  bad = meter;
  bad["lead_units"] = "500";
  refused(bad, Code::kInvalidArgument, "lead_units");
  bad = meter;
  bad["meter_id"] = Id(99);
  refused(bad, Code::kNotFound, "meter_id");
  bad = meter;
  bad.erase("meter_interval");
  refused(bad, Code::kInvalidArgument, "meter_interval");
}

TEST_F(PmTest, MeterPlanSurvivesAMeterReset) {
  Ok("pm.set_active", {{"id", Id(10)}, {"active", false}});
  Ok("meter.create", {{"id", Id(20)}, {"asset_id", Id(2)}, {"name", "Heures"}, {"unit", "h"}});
  std::int64_t t = At("2027-01-01");
  int n = 30;
  auto read = [&](const char* value, bool reset = false) {
    t += 86'400'000;
    return Ok("meter.record",
              {{"id", Id(n++)}, {"meter_id", Id(20)}, {"value", value}, {"read_at", t}, {"reset", reset}});
  };
  read("1000");
  Ok("pm.create", {{"id", Id(12)},
                   {"asset_id", Id(2)},
                   {"title", "Vidange 500 h"},
                   {"trigger", "meter"},
                   {"meter_id", Id(20)},
                   {"meter_interval", 500},
                   {"lead_units", 50},
                   {"due_days", 10}});
  EXPECT_TRUE(read("1400")["generated"].empty());
  EXPECT_TRUE(Generate("2027-02-01")["created"].empty());
  // 1500 − 50 reached: the reading itself creates the work order, due due_days after the day
  // it is recorded (the fixture's clock: 2027-01-15).
  Json r = read("1460");
  ASSERT_EQ(r["generated"].size(), 1u) << r.dump();
  EXPECT_EQ(r["generated"][0]["occurrence"], "m1");
  EXPECT_EQ(r["generated"][0]["due_date"], "2027-01-25");
  EXPECT_EQ(r["generated"][0]["task_id"], maint::PmWorkOrderId(Id(12), "m1"));
  EXPECT_EQ(Query("task.get", {{"id", maint::PmWorkOrderId(Id(12), "m1")}})["status"], "planned");
  EXPECT_TRUE(Generate("2027-02-02")["created"].empty());  // already created by the reading
  EXPECT_TRUE(read("100", true)["generated"].empty());  // counter replaced: total 1560, m1 not again
  EXPECT_TRUE(read("430")["generated"].empty());        // total 1890
  EXPECT_TRUE(Generate("2027-03-01")["created"].empty());
  Json due = Query("pm.due", {{"as_of", "2027-03-01"}});
  ASSERT_EQ(due["items"].size(), 1u);
  EXPECT_EQ(due["items"][0]["meter_total"], "1890");
  EXPECT_EQ(due["items"][0]["next_threshold"], "2000");
  EXPECT_EQ(due["items"][0]["remaining"], "110");
  EXPECT_EQ(due["items"][0]["due_soon"], false);
  r = read("500");  // total 1960 >= 2000 − 50: m2, not skipped
  ASSERT_EQ(r["generated"].size(), 1u);
  EXPECT_EQ(r["generated"][0]["occurrence"], "m2");
  EXPECT_EQ(r["generated"][0]["task_id"], maint::PmWorkOrderId(Id(12), "m2"));
  // An inactive plan is not generated by readings.
  Ok("pm.set_active", {{"id", Id(12)}, {"active", false}});
  EXPECT_TRUE(read("1100")["generated"].empty());
}

TEST_F(PmTest, PlanValidation) {
  Json base{{"id", Id(13)},
            {"asset_id", Id(2)},
            {"title", "X"},
            {"trigger", "calendar"},
            {"interval_n", 2},
            {"interval_unit", "week"},
            {"start_date", "2027-01-04"}};
  auto with = [&](Json change) {
    Json x = base;
    x.update(change);
    return x;
  };
  auto without = [&](const char* f) {
    Json x = base;
    x.erase(f);
    return x;
  };
  ExpectError("pm.create", without("interval_n"), Code::kInvalidArgument, "interval_n");
  ExpectError("pm.create", without("start_date"), Code::kInvalidArgument, "start_date");
  ExpectError("pm.create", with({{"interval_unit", "fortnight"}}), Code::kInvalidArgument,
              "interval_unit");
  ExpectError("pm.create", with({{"interval_n", 0}}), Code::kInvalidArgument, "interval_n");
  ExpectError("pm.create", with({{"start_date", "2027-02-30"}}), Code::kInvalidArgument,
              "start_date");
  ExpectError("pm.create", with({{"meter_interval", 10}}), Code::kInvalidArgument,
              "meter_interval");
  ExpectError("pm.create", with({{"asset_id", Id(99)}}), Code::kNotFound, "asset_id");
  ExpectError("pm.create", with({{"team_id", Id(99)}}), Code::kNotFound, "team_id");
  ExpectError("pm.create", with({{"checklist", {{{"text", "x"}}}}}), Code::kInvalidArgument,
              "checklist");
  ExpectError("pm.create", with({{"checklist", {{{"label", "x"}, {"meter_id", Id(99)}}}}}),
              Code::kNotFound, "checklist");
  ExpectError("pm.create", with({{"trigger", "meter"}}), Code::kInvalidArgument, "meter_id");
  Ok("asset.create", {{"id", Id(4)}, {"kind", "machine"}, {"name", "Autre"}});
  Ok("meter.create", {{"id", Id(21)}, {"asset_id", Id(4)}, {"name", "km"}, {"unit", "km"}});
  Json meter{{"id", Id(13)},       {"asset_id", Id(2)},  {"title", "X"},
             {"trigger", "meter"}, {"meter_id", Id(21)}, {"meter_interval", 100}};
  ExpectError("pm.create", meter, Code::kInvalidArgument, "meter_id");  // another asset's meter
  meter["asset_id"] = Id(4);
  meter["lead_units"] = 100;
  ExpectError("pm.create", meter, Code::kInvalidArgument, "lead_units");
  meter["lead_units"] = 10;
  meter["interval_unit"] = "day";
  ExpectError("pm.create", meter, Code::kInvalidArgument, "interval_unit");
  ExpectError("pm.create", base, Code::kForbidden, "", Role::kTechnician);
  ExpectError("pm.update", {{"id", Id(10)}, {"meter_interval", 5}}, Code::kInvalidArgument,
              "meter_interval");
  ExpectError("pm.delete", {{"id", Id(10)}}, Code::kForbidden, "", Role::kManager);
  ExpectError("pm.generate", Json::object(), Code::kInvalidArgument, "as_of");
  ExpectError("pm.generate", {{"as_of", "2027-01-01"}}, Code::kForbidden, "", Role::kTechnician);
  Ok("pm.delete", {{"id", Id(10)}});
  EXPECT_TRUE(Query("pm.list", Json::object())["items"].empty());
}

TEST_F(PmTest, ComplianceAndOverdueOnAHandCheckedSet) {
  Generate("2027-04-30");  // Jan 31, Feb 28, Mar 31, Apr 30
  auto wo = [&](const char* due) { return maint::PmWorkOrderId(Id(10), due); };
  auto finish = [&](const char* due, const char* done_on, int event) {
    Ok("task.set_status", {{"id", Id(event)}, {"task_id", wo(due)}, {"status", "in_progress"}});
    Ok("checklist.check", {{"id", Query("task.get", {{"id", wo(due)}})["checklist"][0]["id"]}});
    Ok("task.set_status",
       {{"id", Id(event + 1)}, {"task_id", wo(due)}, {"status", "done"}, {"at", At(done_on, 16)}});
  };
  finish("2027-01-31", "2027-01-31", 100);     // on time (the same day)
  finish("2027-02-28", "2027-03-02", 110);     // late
  Walk(wo("2027-04-30"), {"cancelled"}, 120);  // cancelled: not counted
  // March 31 stays open: missed as of April 15.
  Json c = Query("pm.compliance",
                 {{"from", "2027-01-01"}, {"to", "2027-04-30"}, {"as_of", "2027-04-15"}});
  EXPECT_EQ(c["due"], 3);
  EXPECT_EQ(c["on_time"], 1);
  EXPECT_EQ(c["late"], 1);
  EXPECT_EQ(c["missed"], 1);
  EXPECT_EQ(c["rate"], "33.33");
  ASSERT_EQ(c["by_plan"].size(), 1u);
  EXPECT_EQ(c["by_plan"][0]["due"], 3);
  // As of March 20, March 31 is not due yet: 1 on time out of 2.
  c = Query("pm.compliance",
            {{"from", "2027-01-01"}, {"to", "2027-04-30"}, {"as_of", "2027-03-20"}});
  EXPECT_EQ(c["due"], 2);
  EXPECT_EQ(c["rate"], "50.00");
  EXPECT_TRUE(
      Query("pm.compliance", {{"from", "2026-01-01"}, {"to", "2026-12-31"}})["rate"].is_null());
  auto bad = core_->Query("pm.compliance", {{"from", "2027-02-01"}, {"to", "2027-01-01"}},
                          {"u", Role::kAdmin});
  EXPECT_EQ(bad.status().field(), "to");
  // Due / overdue.
  Json due = Query("pm.due", {{"as_of", "2027-04-15"}});
  ASSERT_EQ(due["items"].size(), 1u);
  EXPECT_EQ(due["items"][0]["overdue"], true);
  EXPECT_EQ(due["items"][0]["next_due_date"], "2027-05-31");
  ASSERT_EQ(due["items"][0]["open_work_orders"].size(), 1u);
  EXPECT_EQ(due["items"][0]["open_work_orders"][0]["due_date"], "2027-03-31");
  // A plan whose occurrences were never generated is overdue too.
  Ok("pm.create", {{"id", Id(14)},
                   {"asset_id", Id(2)},
                   {"title", "Ronde"},
                   {"trigger", "calendar"},
                   {"interval_n", 1},
                   {"interval_unit", "week"},
                   {"start_date", "2027-04-05"}});
  Json overdue = Query("pm.due", {{"as_of", "2027-04-15"}, {"only_overdue", true}});
  EXPECT_EQ(overdue["items"].size(), 2u);
  Json soon = Query("pm.due", {{"as_of", "2027-04-01"}, {"horizon_days", 7}});
  EXPECT_EQ(soon["items"][1]["title"], "Ronde");
  EXPECT_EQ(soon["items"][1]["due_soon"], true);
  EXPECT_EQ(soon["items"][1]["overdue"], false);
}

}  // namespace
}  // namespace invento
