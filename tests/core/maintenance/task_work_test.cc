// Field work on a work order: checklist (with readings), planned and consumed materials
// (consumption IS stock.issue), time entries, notes and attachments — and who may do it.
#include <gtest/gtest.h>

#include "tests/core/maintenance/maint_fixture.h"

namespace invento {
namespace {

class TaskWorkTest : public testing::MaintFixture {
 protected:
  void SetUp() override {
    MaintFixture::SetUp();
    tech_ = Employee(1, "Tech", "tech-user");
    Employee(2, "Other", "other-user");
    store_ = Warehouse(3, "Dépôt");
    Ok("location.create", {{"id", Id(4)}, {"kind", "site"}, {"name", "Usine client"}});
    item_ = Item(5, "FILTRE", {{"unit_price_cents", 1250}});
    Ok("stock.receipt", {{"id", Id(6)}, {"item_id", item_}, {"location_id", store_}, {"qty", 10}});
    // Parts come from a location the technician works with (location_access.h).
    Ok("location.assign", {{"id", Id(9)}, {"location_id", store_}, {"employee_id", tech_}});
    Ok("asset.create", {{"id", Id(7)}, {"kind", "machine"}, {"name", "Compresseur"}});
    Ok("meter.create", {{"id", Id(8)}, {"asset_id", Id(7)}, {"name", "Heures"}, {"unit", "h"}});
    task_ = Task(100, {{"status", "planned"}, {"location_id", Id(4)}, {"asset_id", Id(7)}});
    Assign(101, task_, tech_);
    Walk(task_, {"in_progress"}, 900);
  }
  std::string tech_, store_, item_, task_;
};

TEST_F(TaskWorkTest, RequiredChecklistItemsBlockDone) {
  Ok("checklist.add",
     {{"id", Id(200)}, {"task_id", task_}, {"label", "Couper l'alimentation"}, {"required", true}});
  Ok("checklist.add", {{"id", Id(201)},
                       {"task_id", task_},
                       {"label", "Relever le compteur"},
                       {"required", true},
                       {"meter_id", Id(8)}});
  Ok("checklist.add", {{"id", Id(202)}, {"task_id", task_}, {"label", "Nettoyer"}});
  ExpectErrorAs("task.set_status", {{"id", Id(210)}, {"task_id", task_}, {"status", "done"}},
                Code::kFailedPrecondition, "", Role::kTechnician, "tech-user");
  OkAs("checklist.check", {{"id", Id(200)}}, Role::kTechnician, "tech-user");
  // The meter item needs its reading.
  ExpectErrorAs("checklist.check", {{"id", Id(201)}}, Code::kInvalidArgument, "value",
                Role::kTechnician, "tech-user");
  ExpectErrorAs("checklist.check", {{"id", Id(201)}, {"value", "1520.5"}}, Code::kInvalidArgument,
                "reading_id", Role::kTechnician, "tech-user");
  ExpectErrorAs("checklist.check", {{"id", Id(200)}, {"value", 3}}, Code::kInvalidArgument, "value",
                Role::kTechnician, "tech-user");
  OkAs("checklist.check", {{"id", Id(201)}, {"value", "1520.5"}, {"reading_id", Id(203)}},
       Role::kTechnician, "tech-user");
  Json task = Query("task.get", {{"id", task_}});
  EXPECT_EQ(task["checklist"][1]["checked"], true);
  EXPECT_EQ(task["checklist"][1]["reading_value"], "1520.5");
  EXPECT_EQ(Query("meter.readings", {{"meter_id", Id(8)}})["items"][0]["task_id"], task_);
  OkAs("task.set_status", {{"id", Id(210)}, {"task_id", task_}, {"status", "done"}},
       Role::kTechnician, "tech-user");
  // Done means every required item is ticked: unticking one needs the task reopened; and a
  // technician not assigned to the task may not touch its checklist.
  ExpectErrorAs("checklist.check", {{"id", Id(200)}, {"checked", false}},
                Code::kFailedPrecondition, "", Role::kTechnician, "tech-user");
  ExpectErrorAs("checklist.check", {{"id", Id(202)}}, Code::kForbidden, "", Role::kTechnician,
                "other-user");
  // Managers edit the checklist; technicians only tick it.
  ExpectErrorAs("checklist.add", {{"id", Id(204)}, {"task_id", task_}, {"label", "x"}},
                Code::kForbidden, "", Role::kTechnician, "tech-user");
  Ok("checklist.update", {{"id", Id(202)}, {"label", "Nettoyer le filtre"}, {"position", 9}});
  Ok("checklist.remove", {{"id", Id(202)}});
  EXPECT_EQ(Query("task.get", {{"id", task_}})["checklist"].size(), 2u);
  Walk(task_, {"closed"}, 950);
  ExpectError("checklist.check", {{"id", Id(200)}, {"checked", false}}, Code::kFailedPrecondition,
              "");
}

TEST_F(TaskWorkTest, ConsumptionIsAStockIssueLinkedToTheTask) {
  Ok("task.plan_material", {{"id", Id(300)},
                            {"task_id", task_},
                            {"item_id", item_},
                            {"location_id", store_},
                            {"qty", 3}});
  Json res = Query("stock.reservations", {{"item_id", item_}});
  ASSERT_EQ(res["rows"].size(), 1u);
  EXPECT_EQ(res["rows"][0]["reserved"], "3");
  EXPECT_EQ(res["rows"][0]["available"], "7");
  OkAs("task.consume",
       {{"id", Id(301)},
        {"task_id", task_},
        {"item_id", item_},
        {"location_id", store_},
        {"qty", "2"}},
       Role::kTechnician, "tech-user");
  // The ledger row is an ordinary issue: on-hand, task link, cost, client site.
  EXPECT_EQ(OnHand(item_, store_), "8");
  Json moves = Query("stock.movements", {{"task_id", task_}});
  ASSERT_EQ(moves["rows"].size(), 1u);
  EXPECT_EQ(moves["rows"][0]["kind"], "issue");
  EXPECT_EQ(moves["rows"][0]["unit_cost_cents"], 1250);
  EXPECT_EQ(moves["rows"][0]["site_id"], Id(4));
  EXPECT_EQ(moves["rows"][0]["actor_id"], "tech-user");
  Json m = Query("task.materials", {{"task_id", task_}});
  EXPECT_EQ(m["planned"][0]["consumed"], "2");
  EXPECT_EQ(m["planned"][0]["remaining"], "1");
  EXPECT_EQ(m["consumed_value_cents"], 2500);
  EXPECT_EQ(Query("stock.reservations", {{"item_id", item_}})["rows"][0]["reserved"], "1");
  // stock.issue's own rules apply: quantity format, negative stock allowed.
  ExpectErrorAs("task.consume",
                {{"id", Id(302)},
                 {"task_id", task_},
                 {"item_id", item_},
                 {"location_id", store_},
                 {"qty", 0}},
                Code::kInvalidArgument, "qty", Role::kTechnician, "tech-user");
  ExpectErrorAs("task.consume",
                {{"id", Id(302)},
                 {"task_id", task_},
                 {"item_id", item_},
                 {"location_id", store_},
                 {"qty", 1},
                 {"colour", "red"}},
                Code::kInvalidArgument, "colour", Role::kTechnician, "tech-user");
  OkAs("task.consume",
       {{"id", Id(303)},
        {"task_id", task_},
        {"item_id", item_},
        {"location_id", store_},
        {"qty", 9}},
       Role::kTechnician, "tech-user");
  EXPECT_EQ(OnHand(item_, store_), "-1");
  // A reversal (stock.reverse) keeps the task link and cancels the cost.
  Ok("stock.reverse", {{"id", Id(304)}, {"movement_id", Id(303)}, {"reason", "erreur de saisie"}});
  EXPECT_EQ(Query("task.materials", {{"task_id", task_}})["consumed_value_cents"], 2500);
  EXPECT_EQ(Query("task.materials", {{"task_id", task_}})["consumed"].size(), 3u);
  // Not assigned, bad task, closed task: refused, nothing written.
  Json args{
      {"id", Id(305)}, {"task_id", task_}, {"item_id", item_}, {"location_id", store_}, {"qty", 1}};
  ExpectErrorAs("task.consume", args, Code::kForbidden, "", Role::kTechnician, "other-user");
  ExpectError("task.consume", args, Code::kForbidden, "", Role::kConsultant);
  Json bad = args;
  bad["task_id"] = Id(999);
  ExpectError("task.consume", bad, Code::kNotFound, "task_id");
  bad.erase("task_id");
  ExpectError("task.consume", bad, Code::kInvalidArgument, "task_id");
  Walk(task_, {"done", "closed"}, 950);
  ExpectError("task.consume", args, Code::kFailedPrecondition, "");
  EXPECT_TRUE(
      Query("stock.reservations", Json::object())["rows"].empty());  // closed: nothing reserved
}

TEST_F(TaskWorkTest, PlannedMaterialsErrors) {
  Json args{
      {"id", Id(300)}, {"task_id", task_}, {"item_id", item_}, {"location_id", store_}, {"qty", 3}};
  auto with = [&](Json change) {
    Json x = args;
    x.update(change);
    return x;
  };
  ExpectError("task.plan_material", with({{"qty", 0}}), Code::kInvalidArgument, "qty");
  ExpectError("task.plan_material", with({{"item_id", Id(999)}}), Code::kNotFound, "item_id");
  ExpectError("task.plan_material", with({{"location_id", Id(999)}}), Code::kNotFound,
              "location_id");
  ExpectErrorAs("task.plan_material", args, Code::kForbidden, "", Role::kTechnician, "tech-user");
  Ok("task.plan_material", args);
  Ok("task.update_material", {{"id", Id(300)}, {"qty", "4.5"}});
  EXPECT_EQ(Query("task.materials", {{"task_id", task_}})["planned"][0]["qty"], "4.5");
  ExpectError("task.update_material", {{"id", Id(300)}, {"qty", -1}}, Code::kInvalidArgument,
              "qty");
  Ok("task.remove_material", {{"id", Id(300)}});
  ExpectError("task.remove_material", {{"id", Id(300)}}, Code::kNotFound, "id");
}

TEST_F(TaskWorkTest, TimeEntries) {
  Json r =
      OkAs("time.log",
           {{"id", Id(400)}, {"task_id", task_}, {"work_date", "2027-03-01"}, {"hours", "2.5"}},
           Role::kTechnician, "tech-user");
  EXPECT_TRUE(r["warnings"].empty());
  Json list = Query("time.list", {{"task_id", task_}});
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["employee_id"], tech_);  // the technician's own employee
  EXPECT_EQ(list["total_hours"], "2.5");
  // Technicians: own time only, own tasks only.
  ExpectErrorAs("time.log",
                {{"id", Id(401)},
                 {"task_id", task_},
                 {"employee_id", Id(2)},
                 {"work_date", "2027-03-01"},
                 {"hours", 1}},
                Code::kForbidden, "", Role::kTechnician, "tech-user");
  ExpectErrorAs("time.log",
                {{"id", Id(401)}, {"task_id", task_}, {"work_date", "2027-03-01"}, {"hours", 1}},
                Code::kForbidden, "", Role::kTechnician, "other-user");
  // Managers log for anyone; an absence gives a warning.
  Ok("absence.create", {{"id", Id(410)},
                        {"employee_id", Id(2)},
                        {"kind", "sick"},
                        {"start_date", "2027-03-02"},
                        {"end_date", "2027-03-02"}});
  r = Ok("time.log", {{"id", Id(402)},
                      {"task_id", task_},
                      {"employee_id", Id(2)},
                      {"work_date", "2027-03-02"},
                      {"hours", 1}});
  EXPECT_EQ(r["warnings"][0]["code"], "absent");
  ExpectError("time.log",
              {{"id", Id(403)}, {"task_id", task_}, {"work_date", "2027-03-02"}, {"hours", 1}},
              Code::kInvalidArgument, "employee_id");
  ExpectError("time.log",
              {{"id", Id(403)},
               {"task_id", task_},
               {"employee_id", Id(2)},
               {"work_date", "2027-03-02"},
               {"hours", 25}},
              Code::kInvalidArgument, "hours");
  ExpectError("time.log",
              {{"id", Id(403)},
               {"task_id", task_},
               {"employee_id", Id(2)},
               {"work_date", "2027-03-02"},
               {"hours", 0}},
              Code::kInvalidArgument, "hours");
  ExpectError("time.log",
              {{"id", Id(403)}, {"task_id", task_}, {"employee_id", Id(2)}, {"hours", 1}},
              Code::kInvalidArgument, "work_date");
  // Updates: the technician edits their own entry only.
  OkAs("time.update", {{"id", Id(400)}, {"hours", 3}}, Role::kTechnician, "tech-user");
  ExpectErrorAs("time.update", {{"id", Id(402)}, {"hours", 3}}, Code::kForbidden, "",
                Role::kTechnician, "tech-user");
  EXPECT_EQ(Query("time.list", {{"employee_id", tech_}})["total_hours"], "3");
  ExpectError("time.delete", {{"id", Id(400)}}, Code::kForbidden, "", Role::kManager);
  Ok("time.delete", {{"id", Id(400)}});
  EXPECT_EQ(Query("time.list", {{"task_id", task_}})["total_hours"], "1");
  Walk(task_, {"cancelled"}, 950);
  ExpectError("time.log",
              {{"id", Id(404)},
               {"task_id", task_},
               {"employee_id", Id(2)},
               {"work_date", "2027-03-02"},
               {"hours", 1}},
              Code::kFailedPrecondition, "");
}

TEST_F(TaskWorkTest, NotesAndAttachments) {
  OkAs("task.set_notes", {{"task_id", task_}, {"completion_note", "RAS"}}, Role::kTechnician,
       "tech-user");
  ExpectErrorAs("task.set_notes", {{"task_id", task_}, {"completion_note", "x"}}, Code::kForbidden,
                "", Role::kTechnician, "other-user");
  std::string sha(64, 'a');
  Json photo{{"id", Id(500)},       {"entity_type", "task"},   {"entity_id", task_},
             {"sha256", sha},       {"filename", "photo.jpg"}, {"mime", "image/jpeg"},
             {"size_bytes", 123456}};
  OkAs("attachment.add", photo, Role::kTechnician, "tech-user");
  Json list = Query("attachment.list", {{"entity_type", "task"}, {"entity_id", task_}});
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["filename"], "photo.jpg");
  EXPECT_EQ(Query("task.get", {{"id", task_}})["attachments"].size(), 1u);
  auto with = [&](Json change) {
    Json x = photo;
    x["id"] = Id(501);
    x.update(change);
    return x;
  };
  ExpectError("attachment.add", with({{"sha256", std::string(64, 'G')}}), Code::kInvalidArgument,
              "sha256");
  ExpectError("attachment.add", with({{"sha256", "abc"}}), Code::kInvalidArgument, "sha256");
  ExpectError("attachment.add", with({{"filename", "../etc/passwd"}}), Code::kInvalidArgument,
              "filename");
  ExpectError("attachment.add", with({{"mime", "jpeg"}}), Code::kInvalidArgument, "mime");
  ExpectError("attachment.add", with({{"size_bytes", -1}}), Code::kInvalidArgument, "size_bytes");
  ExpectError("attachment.add", with({{"entity_type", "asset"}, {"entity_id", Id(999)}}),
              Code::kNotFound, "entity_id");
  ExpectError("attachment.add", with({{"entity_type", "invoice"}}), Code::kInvalidArgument,
              "entity_type");
  ExpectErrorAs("attachment.add", with({{"entity_type", "asset"}, {"entity_id", Id(7)}}),
                Code::kForbidden, "", Role::kTechnician, "tech-user");
  ExpectErrorAs("attachment.add", with(Json::object()), Code::kForbidden, "", Role::kTechnician,
                "other-user");
  Ok("attachment.add",
     with({{"entity_type", "asset"}, {"entity_id", Id(7)}, {"mime", "application/pdf"}}));
  ExpectError("attachment.delete", {{"id", Id(500)}}, Code::kForbidden, "", Role::kManager);
  Ok("attachment.delete", {{"id", Id(500)}});
  EXPECT_TRUE(
      Query("attachment.list", {{"entity_type", "task"}, {"entity_id", task_}})["items"].empty());
}

}  // namespace
}  // namespace invento
