#include "core/db/tables.h"

#include <algorithm>

namespace invento::db {

const std::vector<std::string_view>& ReplicatedTableNames() {
  static const std::vector<std::string_view> k{"categories", "attribute_defs", "suppliers", "locations", "items",
                                                 "item_location_mins", "stock_movements",
                                                 "count_sessions", "count_lines", "alert_acks",
                                                 // Maintenance, projects, people (0003).
                                                 "employees", "employee_rates", "skills",
                                                 "employee_skills", "teams", "team_members",
                                                 "absences", "clients", "projects",
                                                 "project_cost_lines", "assets",
                                                 "asset_status_events", "meters", "meter_readings",
                                                 "pm_plans", "tasks", "task_status_events",
                                                 "task_assignees", "task_skills", "checklist_items",
                                                 "task_materials", "time_entries", "attachments",
                                                 "dashboard_widgets",
                                                 // Location access (0005).
                                                 "location_assignees"};
  return k;
}

bool TableDef::HasColumn(std::string_view c) const {
  return std::find(columns.begin(), columns.end(), c) != columns.end();
}

Result<TableRegistry> TableRegistry::Load(const Db& db) {
  TableRegistry reg;
  for (std::string_view name : ReplicatedTableNames()) {
    INVENTO_ASSIGN_OR_RETURN(Stmt st, db.Prepare("SELECT name FROM pragma_table_info(?)"));
    st.Bind(1, name);
    TableDef def{std::string(name), {}};
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      def.columns.push_back(st.Text(0));
    }
    for (const char* required : {"id", "deleted", "version"}) {
      if (!def.HasColumn(required)) {
        return Status::Corrupt("replicated table " + def.name + " lacks column " + required);
      }
    }
    reg.tables_.push_back(std::move(def));
  }
  return reg;
}

const TableDef* TableRegistry::Find(std::string_view name) const {
  for (const auto& t : tables_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace invento::db
