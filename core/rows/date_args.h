// Date and text arguments shared by the mutators and queries of the domain modules: the
// bounds of timestamps, the string rules of dates and notes, and date validation.
//
// Contract: dates are texts "YYYY-MM-DD" (see base/date.h). CheckDate/CheckRequiredDate
// return invalid_argument naming the field for anything else (and for a missing required
// date); they never touch the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/date.h"
#include "core/base/status.h"
#include "core/mutators/args.h"

namespace invento::rows {

inline constexpr std::int64_t kMinTime = 946684800000;   // 2000-01-01, ms since the epoch
inline constexpr std::int64_t kMaxTime = 7258118400000;  // 2200-01-01
inline constexpr StringRule kDateRule{.min = 0, .max = 32};
inline constexpr StringRule kNoteRule{.min = 0, .max = 4000};

// Validates an optional date text (read with kDateRule); returns it unchanged or
// invalid_argument naming field.
Result<std::optional<std::string>> CheckDate(const std::optional<std::string>& text,
                                             const char* field);
// The same for a required date: invalid_argument "<field> is required" when absent.
Result<std::string> CheckRequiredDate(const std::optional<std::string>& text, const char* field);
// A date already validated (stored or checked); 1970-01-01 if somehow malformed.
Date StoredDate(const std::string& text);

}  // namespace invento::rows
