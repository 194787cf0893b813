// ArgReader: decodes and validates the JSON arguments of a mutator or query.
//
// Each getter checks presence, type and range and returns the value; the first failure is
// kept and reported by Finish() as invalid_argument naming the field. Finish() also rejects
// unknown fields (a typo must not be silently ignored). Strings are trimmed where stated and
// limited in length (bytes of UTF-8); ids must be lowercase canonical UUIDs.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/base/status.h"
#include "core/db/sqlite.h"

namespace invento {

using Json = nlohmann::json;

struct StringRule {
  std::size_t min = 1;  // required strings are non-empty by default
  std::size_t max = 200;
  bool trim = true;
};

class ArgReader {
 public:
  explicit ArgReader(const Json& args);

  std::string Id(const char* field);                  // required UUID
  std::optional<std::string> OptionalId(const char* field);  // absent or null -> nullopt
  std::string String(const char* field, StringRule rule = {});
  std::optional<std::string> OptionalString(const char* field, StringRule rule = {});
  std::int64_t Int(const char* field, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> OptionalInt(const char* field, std::int64_t min, std::int64_t max);
  bool Bool(const char* field, bool default_value);
  // Quantities in milli-units (see base/decimal.h): an integer number of units or a
  // decimal string. Bounded by ±kMaxQuantityMilli.
  std::int64_t Quantity(const char* field);
  std::optional<std::int64_t> OptionalQuantity(const char* field);
  // One of `allowed`.
  std::string Enum(const char* field, std::initializer_list<const char*> allowed);
  std::optional<std::string> OptionalEnum(const char* field,
                                          std::initializer_list<const char*> allowed);
  // The raw value (marks the field as used); nullptr if absent or null.
  const Json* Raw(const char* field);
  // True if the field is present (even as null): for updates, where null means "clear".
  bool Has(const char* field) const;

  // ok, or the first error (including unknown fields and a non-object args).
  Status Finish() const;

 private:
  const Json* Lookup(const char* field, bool required);
  void Fail(std::string message, const char* field);
  const Json& args_;
  std::set<std::string> used_;
  Status status_;
};

bool IsUuid(std::string_view s);

}  // namespace invento
