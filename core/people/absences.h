// Absences (availability): whole days, start_date..end_date inclusive.
//
// absence.create {id, employee_id, kind: vacation|sick|training|other, start_date, end_date, note?}
// absence.update {id, kind?, start_date?, end_date?, note?}
// absence.delete {id}  (admins: managers correct dates instead)
// absence.list {from?, to?, employee_id?, team_id?} -> {items:[{id, employee_id, employee, kind,
//   start_date, end_date, note}]} overlapping [from, to], by start date.
//
// Errors: invalid_argument (field end_date) when end_date < start_date, or malformed dates;
// conflict (field start_date) when the employee already has an absence overlapping these days;
// not_found for unknown ids.
#pragma once

#include <string>
#include <vector>

#include "core/mutators/registry.h"

namespace invento::people {

void RegisterAbsences(Registry& registry);

// Live absences of an employee overlapping the days [from, to] (dates YYYY-MM-DD).
Result<std::vector<Json>> AbsencesOverlapping(const db::Db& db, const std::string& employee_id,
                                              const std::string& from, const std::string& to);

}  // namespace invento::people
