// The demo company of `invento-server seed-demo`: a small French maintenance company, as the
// list of ordinary mutations an administrator's device would push (cli_seed_demo.cc pushes
// them through SyncService, so the core's rules run and every row gets a version).
//
// What it holds: two warehouses with zones and bins, three vans and two client sites; about
// 300 items in 12 categories (one with two sub-categories) with attribute definitions and
// values, five suppliers, opening stock, a few items under their minimum; seven employees
// (six technicians in two teams, one manager) with skills, rates, working hours and absences,
// linked to the given user accounts; four clients, three projects with budgets and cost
// lines; assets with meters and readings, preventive plans (calendar and meter) then
// pm.generate; work orders in every status with assignees, planned materials, parts used and
// hours; the last stocktake of every bin and two vans (closed), a count in progress on a van.
//
// Contract: pure (no database access); ids are random UUIDs; quantities and prices come from
// a fixed-seed generator, so two runs differ only in ids and in dates, which are relative to
// `today`. `technician_user_ids` (6) and `manager_user_id` link employees to accounts.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/date.h"
#include "core/db/sqlite.h"

namespace invento::server {

struct DemoPeople {
  std::vector<std::string> technician_user_ids;  // 6, in the order of DemoTechnicianNames()
  std::string manager_user_id;
};

// Display names and usernames of the demo accounts, in the order DemoPeople expects.
struct DemoAccount {
  std::string username, display_name, role;
};
const std::vector<DemoAccount>& DemoAccounts();  // 6 technicians, then the manager, the consultant

using DemoMutation = std::pair<std::string, db::Json>;  // {mutator name, args}

std::vector<DemoMutation> DemoCompany(const DemoPeople& people, const Date& today);

}  // namespace invento::server
