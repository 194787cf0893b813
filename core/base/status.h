// Status and Result<T>: how every fallible operation in core reports failure.
//
// Contract: no exception crosses core's public API. A function that can fail returns a
// Status (or a Result<T> holding either a value or a non-ok Status). A Status carries a
// machine-readable code (stable strings: "invalid_argument", "not_found", "forbidden",
// "conflict", "io_error", "corrupt", "failed_precondition", "internal"), a human message in English (the UI
// translates by code), and optionally the name of the offending argument field.
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace invento {

enum class Code { kOk, kInvalidArgument, kNotFound, kForbidden, kConflict, kIoError, kCorrupt,
                  kFailedPrecondition, kInternal };

std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg, std::string field = {}) {
    return {Code::kInvalidArgument, std::move(msg), std::move(field)};
  }
  static Status NotFound(std::string msg, std::string field = {}) {
    return {Code::kNotFound, std::move(msg), std::move(field)};
  }
  static Status Forbidden(std::string msg, std::string field = {}) {
    return {Code::kForbidden, std::move(msg), std::move(field)};
  }
  static Status Conflict(std::string msg, std::string field = {}) {
    return {Code::kConflict, std::move(msg), std::move(field)};
  }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status Corrupt(std::string msg) { return {Code::kCorrupt, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) {
    return {Code::kFailedPrecondition, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  std::string_view code_name() const { return CodeName(code_); }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// Either a T or a non-ok Status. Accessing value() on an error is a programming error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: must be non-ok

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace invento

// Propagates a non-ok Status from an expression returning Status.
#define INVENTO_RETURN_IF_ERROR(expr)              \
  do {                                             \
    ::invento::Status invento_status_ = (expr);    \
    if (!invento_status_.ok()) return invento_status_; \
  } while (0)

#define INVENTO_CONCAT_INNER(a, b) a##b
#define INVENTO_CONCAT(a, b) INVENTO_CONCAT_INNER(a, b)
// Assigns the value of a Result<T> expression to lhs, or returns its Status.
#define INVENTO_ASSIGN_OR_RETURN(lhs, expr) \
  INVENTO_ASSIGN_OR_RETURN_IMPL(INVENTO_CONCAT(invento_result_, __LINE__), lhs, expr)
#define INVENTO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
