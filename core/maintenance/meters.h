// Asset meters (running hours, km, cycles...) and their dated readings.
//
// meter.create {id, asset_id, name 1..80, unit 1..16} -> {id}    meter.update {id, name?, unit?}
// meter.archive {id, archived?=true}
// meter.record {id, meter_id, value: quantity >= 0, read_at?=now (ms), reset?=false, task_id?,
//   note?} -> {id, total, generated: the preventive work orders this reading made due
//   (pm_generate.h)}. A reading never goes backwards: it must be >= the reading before it
//   in time and <= the (non-reset) reading after it. reset=true records a counter that was
//   replaced or rolled over and restarted from zero; it may be lower than the previous one.
// meter.readings {meter_id, limit?=100} -> {unit, total, items:[{id, value, read_at, reset,
//   total, task_id, note}]} newest first.
//
// The cumulative total ("how much the asset was used") folds the readings in time order
// (read_at, id): total(first) = its value; each next reading adds (value − previous value),
// or its whole value after a reset (the counter restarted from zero). Preventive meter plans
// count on this total, so a meter reset never re-triggers or skips maintenance.
//
// Errors: invalid_argument (field value) for a reading going backwards, with the reading it
// contradicts; not_found (meter_id, asset_id, task_id); failed_precondition for an archived meter.
#pragma once

#include <optional>
#include <string>

#include "core/mutators/registry.h"

namespace invento::maint {

void RegisterMeters(Registry& registry);

struct ReadingArgs {
  std::string id, meter_id;
  std::int64_t value = 0, read_at = 0;
  bool reset = false;
  std::optional<std::string> task_id, note;
};
// Validates and appends a reading (shared by meter.record and checklist.check), then creates
// the preventive work orders the meter's plans have now reached (pm_generate.h,
// GenerateForMeter) and returns them ([{task_id, plan_id, occurrence, due_date}]).
Result<Json> RecordReading(WriteTx& tx, const ReadingArgs& a, const MutationContext& ctx);
// The cumulative total of a meter over its readings (0 without readings), in milli-units.
Result<std::int64_t> MeterTotal(const db::Db& db, const std::string& meter_id);

}  // namespace invento::maint
