// Project cost with exact money, on a hand-computed set: parts at their movement cost
// (price changes and reversals included), labour at the rate in effect on each entry's date
// (a rate change mid-project), other cost lines; budget consumed, progress, forecast, alerts.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class ProjectCostsTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    Ok("project.create", {{"id", Id(1)},
                          {"code", "P-1"},
                          {"name", "Station"},
                          {"budget_cents", 100000},
                          {"status", "active"}});
    alice_ = Employee(2, "Alice");
    bruno_ = Employee(3, "Bruno");
    carl_ = Employee(4, "Carl");  // no rate
    Rate(10, alice_, "2027-01-01", 4500);
    Rate(11, alice_, "2027-03-01", 4850);  // raise mid-project
    Rate(12, bruno_, "2027-01-01", 3733);
    store_ = Warehouse(5);
    filtre_ = Item(6, "FILTRE", {{"unit_price_cents", 1250}});
    huile_ = Item(7, "HUILE", {{"unit_price_cents", 899}, {"unit", "L"}});
    t1_ = Task(20, {{"project_id", Id(1)}, {"estimated_hours", 10}, {"status", "planned"}});
    t2_ = Task(21, {{"project_id", Id(1)}, {"estimated_hours", 6}, {"status", "planned"}});
    t3_ = Task(22, {{"project_id", Id(1)}, {"estimated_hours", 4}, {"status", "planned"}});
    Task(23, {{"estimated_hours", 100}});  // another project's work does not count
  }
  void Rate(int n, const std::string& e, const char* from, int cents) {
    Ok("employee.set_rate",
       {{"id", Id(n)}, {"employee_id", e}, {"effective_from", from}, {"rate_cents", cents}});
  }
  void Consume(int n, const std::string& task, const std::string& item, Json qty) {
    Ok("task.consume", {{"id", Id(n)},
                        {"task_id", task},
                        {"item_id", item},
                        {"location_id", store_},
                        {"qty", qty}});
  }
  void Log(int n, const std::string& task, const std::string& e, const char* date,
           const char* hours) {
    Ok("time.log", {{"id", Id(n)},
                    {"task_id", task},
                    {"employee_id", e},
                    {"work_date", date},
                    {"hours", hours}});
  }
  std::string alice_, bruno_, carl_, store_, filtre_, huile_, t1_, t2_, t3_;
};

TEST_F(ProjectCostsTest, ExactMoneyWithARateChangeMidProject) {
  // Parts: 2 × 12.50 = 25.00; 1.5 L × 8.99 = 13.485 → 13.49; 1 × 12.50 on a task cancelled
  // later (the part was used); after a price change 1 × 13.00; 3 × 13.00 issued then reversed.
  Consume(100, t1_, filtre_, 2);
  Consume(101, t2_, huile_, "1.5");
  Consume(102, t3_, filtre_, 1);
  Walk(t3_, {"cancelled"}, 200);
  Ok("item.update", {{"id", filtre_}, {"unit_price_cents", 1300}});
  Consume(103, t2_, filtre_, 1);
  Consume(104, t2_, filtre_, 3);
  Ok("stock.reverse", {{"id", Id(105)}, {"movement_id", Id(104)}, {"reason", "pas utilisé"}});
  // Labour: 3.5 h × 45.00 = 157.50 (before the raise); 2.25 h × 48.50 = 109.125 → 109.13;
  // 1.333 h × 37.33 = 49.76089 → 49.76; Carl has no rate: 0, reported.
  Log(110, t1_, alice_, "2027-02-28", "3.5");
  Log(111, t1_, alice_, "2027-03-01", "2.25");
  Log(112, t2_, bruno_, "2027-03-02", "1.333");
  Log(113, t2_, carl_, "2027-03-03", "1");
  Walk(t1_, {"in_progress", "done"}, 210);
  // Other costs: a rental and a supplier credit.
  Ok("project.add_cost", {{"id", Id(120)},
                          {"project_id", Id(1)},
                          {"label", "Nacelle"},
                          {"amount_cents", 35000},
                          {"incurred_on", "2027-03-01"}});
  Ok("project.add_cost", {{"id", Id(121)},
                          {"project_id", Id(1)},
                          {"label", "Remise"},
                          {"amount_cents", -5000},
                          {"incurred_on", "2027-03-05"}});
  Json c = Query("project.cost", {{"id", Id(1)}});
  EXPECT_EQ(c["materials_cents"], 2500 + 1349 + 1250 + 1300);  // 6399
  EXPECT_EQ(c["labour_cents"], 15750 + 10913 + 4976);          // 31639
  EXPECT_EQ(c["other_cents"], 30000);
  EXPECT_EQ(c["cost_cents"], 68038);
  EXPECT_EQ(c["consumed_pct"], "68.04");  // 68038 / 100000
  EXPECT_EQ(c["estimated_hours"], "16");  // cancelled task excluded
  EXPECT_EQ(c["done_estimated_hours"], "10");
  EXPECT_EQ(c["progress_pct"], "62.50");
  EXPECT_EQ(c["logged_hours"], "8.083");
  EXPECT_EQ(c["forecast_cents"], 108861);  // 68038 × 16 / 10 = 108860.8
  EXPECT_EQ(c["alerts"], Json::array({"forecast_over_budget"}));
  ASSERT_EQ(c["missing_rates"].size(), 1u);
  EXPECT_EQ(c["missing_rates"][0]["employee_id"], carl_);
  EXPECT_EQ(c["cost_lines"].size(), 2u);
  // Spending past the budget raises the overrun alert.
  Ok("project.add_cost", {{"id", Id(122)},
                          {"project_id", Id(1)},
                          {"label", "Sous-traitance"},
                          {"amount_cents", 32000},
                          {"incurred_on", "2027-03-06"}});
  c = Query("project.cost", {{"id", Id(1)}});
  EXPECT_EQ(c["cost_cents"], 100038);
  EXPECT_EQ(c["consumed_pct"], "100.04");
  EXPECT_EQ(c["alerts"], Json::array({"over_budget", "forecast_over_budget"}));
  // A rate set later for Carl is applied retroactively to his entry's date.
  Rate(13, carl_, "2027-03-01", 4000);
  EXPECT_EQ(Query("project.cost", {{"id", Id(1)}})["labour_cents"], 31639 + 4000);
}

TEST_F(ProjectCostsTest, NoBudgetNoEstimates) {
  Ok("project.create", {{"id", Id(50)}, {"code", "P-2"}, {"name", "Sans budget"}});
  Json c = Query("project.cost", {{"id", Id(50)}});
  EXPECT_EQ(c["cost_cents"], 0);
  EXPECT_TRUE(c["consumed_pct"].is_null());
  EXPECT_TRUE(c["progress_pct"].is_null());
  EXPECT_TRUE(c["forecast_cents"].is_null());
  EXPECT_TRUE(c["alerts"].empty());
  Json all = Query("project.costs", Json::object());
  EXPECT_EQ(all["items"].size(), 2u);
  EXPECT_EQ(Query("project.costs", {{"status", "active"}})["items"].size(), 1u);
  auto r = core_->Query("project.cost", {{"id", Id(99)}}, {"u", Role::kConsultant});
  EXPECT_EQ(r.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace invento
