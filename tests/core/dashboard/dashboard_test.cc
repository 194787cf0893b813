// Dashboard figures on a seeded dataset with hand-checked values, and per-user widgets.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class DashboardTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    Ok("category.create", {{"id", Id(1)}, {"name", "Filtres"}});
    std::string store = Warehouse(2);
    Item(3, "FILTRE", {{"unit_price_cents", 1250}, {"category_id", Id(1)}, {"min_qty", 5}});
    Item(4, "HUILE", {{"unit_price_cents", 899}});
    Ok("stock.receipt", {{"id", Id(5)}, {"item_id", Id(3)}, {"location_id", store}, {"qty", 2}});
    Ok("stock.receipt", {{"id", Id(6)}, {"item_id", Id(4)}, {"location_id", store}, {"qty", 10}});
    Ok("project.create", {{"id", Id(10)},
                          {"code", "P1"},
                          {"name", "Un"},
                          {"status", "active"},
                          {"budget_cents", 10000}});
    Ok("project.create", {{"id", Id(11)}, {"code", "P2"}, {"name", "Deux"}});
    Ok("project.create", {{"id", Id(12)}, {"code", "P3"}, {"name", "Trois"}, {"status", "done"}});
    Ok("project.add_cost", {{"id", Id(13)},
                            {"project_id", Id(10)},
                            {"label", "Nacelle"},
                            {"amount_cents", 12000},
                            {"incurred_on", "2027-03-01"}});
    Task(20, {{"type", "corrective"},
              {"priority", "high"},
              {"status", "planned"},
              {"due_date", "2027-03-01"},
              {"project_id", Id(10)}});
    Walk(Id(20), {"in_progress"}, 100);
    Task(21, {{"type", "preventive"}, {"status", "planned"}, {"due_date", "2027-03-20"}});
    Task(22, {{"type", "inspection"}, {"status", "planned"}, {"due_date", "2027-03-05"}});
    Walk(Id(22), {"in_progress", "on_hold"}, 110);
    Task(23, {{"type", "corrective"},
              {"priority", "urgent"},
              {"status", "planned"},
              {"due_date", "2027-03-01"}});
    Walk(Id(23), {"in_progress", "done"}, 120);
    Task(24, {{"type", "corrective"}, {"priority", "high"}});
    Walk(Id(24), {"cancelled"}, 130);
  }
};

TEST_F(DashboardTest, StockFiguresReuseTheStockQueries) {
  Json by_cat = Query("dashboard.stock_by_category", Json::object());
  EXPECT_EQ(by_cat, Query("stock.value", {{"group_by", "category"}}));
  EXPECT_EQ(by_cat["total_cents"], 2500 + 8990);
  Json under = Query("dashboard.items_under_min", Json::object());
  EXPECT_EQ(under["count"], 1);
  EXPECT_EQ(under["items"][0]["reference"], "FILTRE");
  Ok("alert.ack", {{"id", Id(7)}, {"alert_key", under["items"][0]["key"]}});
  EXPECT_EQ(Query("dashboard.items_under_min", Json::object())["count"],
            1);  // acknowledged, still under
}

// Past 50 items the widget gets the count of all and the first 50 (the count in SQL).
TEST_F(DashboardTest, ItemsUnderMinCountsAllAndSendsTheFirstFifty) {
  for (int n = 0; n < 60; ++n) {
    Ok("item.create", {{"id", Id(1000 + n)}, {"reference", "MIN-" + std::to_string(n)},
                       {"label", "Sous le minimum"}, {"min_qty", 5}});
  }
  Json under = Query("dashboard.items_under_min", Json::object());
  EXPECT_EQ(under["count"], 61);  // and FILTRE
  EXPECT_EQ(under["items"].size(), 50u);
  EXPECT_EQ(Query("alert.list", {{"below_minimum_only", true}, {"include_acknowledged", true}})["alerts"].size(), 61u);
}

TEST_F(DashboardTest, StockFiguresByCategoryAndFiltered) {
  // Hand-checked: FILTRE 2 × 12.50 in "Filtres"; HUILE 10 × 8.99 uncategorised.
  Json by_cat = Query("dashboard.stock_by_category", Json::object());
  ASSERT_EQ(by_cat["rows"].size(), 2u) << by_cat.dump();
  EXPECT_EQ(by_cat["rows"][0]["id"], nullptr);
  EXPECT_EQ(by_cat["rows"][0]["value_cents"], 8990);
  EXPECT_EQ(by_cat["rows"][1]["name"], "Filtres");
  EXPECT_EQ(by_cat["rows"][1]["value_cents"], 2500);
  // A sub-category counts in its parent; a location counts what is inside it.
  Ok("category.create", {{"id", Id(40)}, {"name", "Filtres à air"}, {"parent_id", Id(1)}});
  Item(41, "FILTRE-AIR", {{"unit_price_cents", 300}, {"category_id", Id(40)}, {"min_qty", 1}});
  std::string van = Id(42);
  Ok("location.create", {{"id", van}, {"kind", "vehicle"}, {"name", "Camion"}});
  Ok("stock.receipt", {{"id", Id(43)}, {"item_id", Id(41)}, {"location_id", van}, {"qty", 3}});
  EXPECT_EQ(Query("dashboard.stock_by_category", {{"category_id", Id(1)}})["total_cents"],
            2500 + 900);
  EXPECT_EQ(Query("dashboard.stock_by_category", {{"category_id", Id(40)}})["total_cents"], 900);
  EXPECT_EQ(Query("dashboard.stock_by_category", {{"location_id", van}})["total_cents"], 900);
  EXPECT_EQ(Query("dashboard.stock_by_category", {{"location_id", Id(2)}})["total_cents"],
            2500 + 8990);
  // Under minimum: FILTRE only (FILTRE-AIR has 3 ≥ 1), and only in its category.
  EXPECT_EQ(Query("dashboard.items_under_min", {{"category_id", Id(1)}})["count"], 1);
  EXPECT_EQ(Query("dashboard.items_under_min", {{"category_id", Id(40)}})["count"], 0);
  auto bad = core_->Query("dashboard.stock_by_category", {{"location_id", Id(999)}},
                          {"user-1", Role::kAdmin});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kNotFound);
  EXPECT_EQ(bad.status().field(), "location_id");
}

TEST_F(DashboardTest, ProjectAndTaskFigures) {
  Json projects = Query("dashboard.projects_by_status", Json::object());
  EXPECT_EQ(projects["rows"],
            Json::parse(R"([{"status":"draft","count":1},{"status":"active","count":1},
      {"status":"on_hold","count":0},{"status":"done","count":1},{"status":"cancelled","count":0}])"));
  Json tasks = Query("dashboard.tasks", {{"as_of", "2027-03-10"}});
  EXPECT_EQ(tasks["in_progress"], 1);
  EXPECT_EQ(tasks["on_hold"], 1);
  EXPECT_EQ(tasks["overdue"], 2);  // 20 (due 03-01) and 22 (due 03-05); 23 is done
  EXPECT_EQ(tasks["overdue_items"][0]["id"], Id(20));
  EXPECT_EQ(Query("dashboard.tasks", {{"as_of", "2027-03-10"}, {"project_id", Id(10)}})["overdue"],
            1);
  Json cost = Query("dashboard.cost_vs_budget", {{"status", "active"}});
  ASSERT_EQ(cost["items"].size(), 1u);
  EXPECT_EQ(cost["items"][0]["cost_cents"], 12000);
  EXPECT_EQ(cost["items"][0]["consumed_pct"], "120.00");
  EXPECT_EQ(cost["items"][0]["alerts"], Json::array({"over_budget"}));
  EXPECT_EQ(cost["total_budget_cents"], 10000);
  Json wo = Query("dashboard.work_orders", Json::object());
  EXPECT_EQ(wo["total"], 4);  // the cancelled one excluded
  EXPECT_EQ(wo["by_type"][0], Json({{"type", "corrective"}, {"count", 2}}));
  EXPECT_EQ(wo["by_type"][1], Json({{"type", "preventive"}, {"count", 1}}));
  EXPECT_EQ(wo["by_priority"][0], Json({{"priority", "urgent"}, {"count", 1}}));
  EXPECT_EQ(wo["by_priority"][2], Json({{"priority", "normal"}, {"count", 2}}));
  EXPECT_EQ(Query("dashboard.work_orders", {{"open_only", true}})["total"], 3);
}

TEST_F(DashboardTest, MaintenanceKpis) {
  now_ = At("2027-03-01");
  Ok("asset.create", {{"id", Id(30)}, {"kind", "machine"}, {"name", "Presse"}});
  Ok("asset.set_status",
     {{"id", Id(31)}, {"asset_id", Id(30)}, {"status", "down"}, {"at", At("2027-03-01", 10)}});
  Ok("asset.set_status",
     {{"id", Id(32)}, {"asset_id", Id(30)}, {"status", "running"}, {"at", At("2027-03-01", 12)}});
  Ok("pm.create", {{"id", Id(33)},
                   {"asset_id", Id(30)},
                   {"title", "Ronde"},
                   {"trigger", "calendar"},
                   {"interval_n", 1},
                   {"interval_unit", "week"},
                   {"start_date", "2027-03-01"}});
  Json g = Ok("pm.generate", {{"as_of", "2027-03-08"}});
  ASSERT_EQ(g["created"].size(), 2u);
  std::string first = g["created"][0]["task_id"].get<std::string>();
  Walk(first, {"in_progress"}, 200);
  Ok("task.set_status",
     {{"id", Id(202)}, {"task_id", first}, {"status", "done"}, {"at", At("2027-03-01", 15)}});
  Json k = Query("dashboard.maintenance_kpis",
                 {{"from", "2027-03-01"}, {"to", "2027-03-09"}, {"as_of", "2027-03-10"}});
  EXPECT_EQ(k["reliability"]["failures"], 1);
  EXPECT_EQ(k["reliability"]["mttr_hours"], "2");
  EXPECT_EQ(k["reliability"]["mtbf_hours"], "214");      // 9 days × 24 h − 2 h down
  EXPECT_EQ(k["reliability"]["availability"], "99.07");  // 214 / 216
  EXPECT_EQ(k["compliance"]["due"], 2);
  EXPECT_EQ(k["compliance"]["on_time"], 1);
  EXPECT_EQ(k["compliance"]["missed"], 1);
  EXPECT_EQ(k["compliance"]["rate"], "50.00");
}

TEST_F(DashboardTest, WidgetsArePerUserAndValidatedByTheirDataSource) {
  OkAs("dashboard.widget_add",
       {{"id", Id(40)},
        {"type", "bar"},
        {"data_source", "dashboard.work_orders"},
        {"filters", {{"open_only", true}}},
        {"width", 6}},
       Role::kTechnician, "tech");
  OkAs("dashboard.widget_add",
       {{"id", Id(41)},
        {"type", "number"},
        {"data_source", "dashboard.items_under_min"},
        {"title", "Sous le minimum"}},
       Role::kTechnician, "tech");
  OkAs("dashboard.widget_add",
       {{"id", Id(42)}, {"type", "pie"}, {"data_source", "dashboard.projects_by_status"}},
       Role::kManager, "boss");
  Json mine = QueryAs("dashboard.widgets", Json::object(), Role::kTechnician, "tech");
  ASSERT_EQ(mine["items"].size(), 2u);
  EXPECT_EQ(mine["items"][0]["filters"], Json({{"open_only", true}}));
  EXPECT_EQ(mine["items"][1]["position"], 1);
  EXPECT_EQ(QueryAs("dashboard.widget_data", {{"id", Id(40)}}, Role::kTechnician, "tech")["total"],
            3);
  // Filters the data source would refuse, unknown sources, sizes.
  Json bad{{"id", Id(43)},
           {"type", "bar"},
           {"data_source", "dashboard.work_orders"},
           {"filters", {{"colour", "red"}}}};
  ExpectErrorAs("dashboard.widget_add", bad, Code::kInvalidArgument, "filters", Role::kTechnician,
                "tech");
  bad["filters"] = "open";
  ExpectErrorAs("dashboard.widget_add", bad, Code::kInvalidArgument, "filters", Role::kTechnician,
                "tech");
  bad["data_source"] = "stock.movements";
  ExpectErrorAs("dashboard.widget_add", bad, Code::kInvalidArgument, "data_source",
                Role::kTechnician, "tech");
  ExpectErrorAs(
      "dashboard.widget_add",
      {{"id", Id(43)}, {"type", "bar"}, {"data_source", "dashboard.work_orders"}, {"width", 13}},
      Code::kInvalidArgument, "width", Role::kTechnician, "tech");
  // Only the owner (or an admin) changes a widget; consultants configure nothing.
  ExpectErrorAs("dashboard.widget_update", {{"id", Id(42)}, {"title", "x"}}, Code::kForbidden, "",
                Role::kTechnician, "tech");
  ExpectErrorAs("dashboard.widget_remove", {{"id", Id(42)}}, Code::kForbidden, "",
                Role::kTechnician, "tech");
  ExpectErrorAs("dashboard.widget_add",
                {{"id", Id(44)}, {"type", "bar"}, {"data_source", "dashboard.work_orders"}},
                Code::kForbidden, "", Role::kConsultant, "viewer");
  auto data = core_->Query("dashboard.widget_data", {{"id", Id(42)}}, {"tech", Role::kTechnician});
  EXPECT_EQ(data.status().code(), Code::kForbidden);
  OkAs("dashboard.widget_update",
       {{"id", Id(40)}, {"filters", {{"open_only", false}}}, {"position", 5}}, Role::kTechnician,
       "tech");
  EXPECT_EQ(QueryAs("dashboard.widget_data", {{"id", Id(40)}}, Role::kTechnician, "tech")["total"],
            4);
  OkAs("dashboard.widget_remove", {{"id", Id(41)}}, Role::kTechnician, "tech");
  Ok("dashboard.widget_update", {{"id", Id(42)}, {"title", "Projets"}});  // admin
  EXPECT_EQ(QueryAs("dashboard.widgets", Json::object(), Role::kTechnician, "tech")["items"].size(),
            1u);
  EXPECT_EQ(
      QueryAs("dashboard.widgets", Json::object(), Role::kManager, "boss")["items"][0]["title"],
      "Projets");
}

}  // namespace
}  // namespace invento
