#include "core/mutators/args.h"

#include "core/base/decimal.h"

namespace invento {

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

namespace {
std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n;
    if (c < 0x80) {
      n = 0;
    } else if ((c >> 5) == 6) {
      n = 1;
    } else if ((c >> 4) == 14) {
      n = 2;
    } else if ((c >> 3) == 30) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += n + 1;
  }
  return true;
}

bool HasControlChars(std::string_view s) {
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 && c != '\n' && c != '\t') return true;
  }
  return false;
}
}  // namespace

ArgReader::ArgReader(const Json& args) : args_(args) {
  if (!args_.is_object()) status_ = Status::InvalidArgument("arguments must be a JSON object");
}

void ArgReader::Fail(std::string message, const char* field) {
  if (status_.ok()) status_ = Status::InvalidArgument(std::move(message), field);
}

const Json* ArgReader::Lookup(const char* field, bool required) {
  if (!status_.ok() || !args_.is_object()) return nullptr;
  used_.insert(field);
  auto it = args_.find(field);
  if (it == args_.end() || it->is_null()) {
    if (required) Fail(std::string(field) + " is required", field);
    return nullptr;
  }
  return &*it;
}

std::string ArgReader::Id(const char* field) {
  auto v = OptionalId(field);
  if (!v && status_.ok()) Fail(std::string(field) + " is required", field);
  return v.value_or("");
}

std::optional<std::string> ArgReader::OptionalId(const char* field) {
  const Json* v = Lookup(field, false);
  if (!v) return std::nullopt;
  if (!v->is_string() || !IsUuid(v->get_ref<const std::string&>())) {
    Fail(std::string(field) + " must be a lowercase UUID such as 0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b",
         field);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::string ArgReader::String(const char* field, StringRule rule) {
  auto v = OptionalString(field, rule);
  if (!v && status_.ok()) Fail(std::string(field) + " is required", field);
  return v.value_or("");
}

std::optional<std::string> ArgReader::OptionalString(const char* field, StringRule rule) {
  const Json* v = Lookup(field, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(std::string(field) + " must be a string", field);
    return std::nullopt;
  }
  std::string s = rule.trim ? Trim(v->get<std::string>()) : v->get<std::string>();
  if (!ValidUtf8(s) || HasControlChars(s)) {
    Fail(std::string(field) + " contains invalid characters", field);
    return std::nullopt;
  }
  if (s.size() < rule.min) {
    Fail(rule.min == 1 ? std::string(field) + " must not be empty"
                       : std::string(field) + " must be at least " + std::to_string(rule.min) +
                             " bytes long",
         field);
    return std::nullopt;
  }
  if (s.size() > rule.max) {
    Fail(std::string(field) + " must be at most " + std::to_string(rule.max) + " bytes long",
         field);
    return std::nullopt;
  }
  return s;
}

std::int64_t ArgReader::Int(const char* field, std::int64_t min, std::int64_t max) {
  auto v = OptionalInt(field, min, max);
  if (!v && status_.ok()) Fail(std::string(field) + " is required", field);
  return v.value_or(0);
}

std::optional<std::int64_t> ArgReader::OptionalInt(const char* field, std::int64_t min,
                                                   std::int64_t max) {
  const Json* v = Lookup(field, false);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail(std::string(field) + " must be an integer", field);
    return std::nullopt;
  }
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    Fail(std::string(field) + " must be at most " + std::to_string(max), field);
    return std::nullopt;
  }
  std::int64_t x = v->get<std::int64_t>();
  if (x < min || x > max) {
    Fail(std::string(field) + " must be between " + std::to_string(min) + " and " +
             std::to_string(max),
         field);
    return std::nullopt;
  }
  return x;
}

bool ArgReader::Bool(const char* field, bool default_value) {
  const Json* v = Lookup(field, false);
  if (!v) return default_value;
  if (!v->is_boolean()) {
    Fail(std::string(field) + " must be true or false", field);
    return default_value;
  }
  return v->get<bool>();
}

std::int64_t ArgReader::Quantity(const char* field) {
  auto v = OptionalQuantity(field);
  if (!v && status_.ok()) Fail(std::string(field) + " is required", field);
  return v.value_or(0);
}

std::optional<std::int64_t> ArgReader::OptionalQuantity(const char* field) {
  const Json* v = Lookup(field, false);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> q;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > 1'000'000'000ULL) {
      q = std::nullopt;
    } else {
      std::int64_t units = v->get<std::int64_t>();
      if (units >= -1'000'000'000 && units <= 1'000'000'000) q = units * kMilli;
    }
  } else if (v->is_string()) {
    q = ParseQuantity(v->get_ref<const std::string&>());
  }
  if (!q) {
    Fail(std::string(field) +
             " must be a quantity: an integer or a decimal string with at most 3 decimals "
             "(e.g. \"2.5\"), at most one billion",
         field);
  }
  return q;
}

std::string ArgReader::Enum(const char* field, std::initializer_list<const char*> allowed) {
  auto v = OptionalEnum(field, allowed);
  if (!v && status_.ok()) Fail(std::string(field) + " is required", field);
  return v.value_or("");
}

std::optional<std::string> ArgReader::OptionalEnum(const char* field,
                                                   std::initializer_list<const char*> allowed) {
  const Json* v = Lookup(field, false);
  if (!v) return std::nullopt;
  std::string list;
  for (const char* a : allowed) {
    if (v->is_string() && v->get_ref<const std::string&>() == a) return std::string(a);
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  Fail(std::string(field) + " must be one of: " + list, field);
  return std::nullopt;
}

const Json* ArgReader::Raw(const char* field) { return Lookup(field, false); }

bool ArgReader::Has(const char* field) const { return args_.is_object() && args_.contains(field); }

Status ArgReader::Finish() const {
  if (!status_.ok()) return status_;
  for (const auto& [k, v] : args_.items()) {
    if (!used_.count(k)) return Status::InvalidArgument("unknown argument " + k, k);
  }
  return Status::Ok();
}

}  // namespace invento
