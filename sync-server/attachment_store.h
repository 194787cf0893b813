// Content-addressed storage of attachment bytes on the server's disk. The metadata (which
// file belongs to which task, its name) is an ordinary replicated row (core
// attachment.add); this store only keeps bytes, one file per distinct content:
//
//   <dir>/<first two hex digits>/<sha256>
//
// Contract:
//  - Put() writes to a temporary file in the same folder, fsyncs it, renames it into place
//    and fsyncs the folder: a file visible under its final name is always complete, so a
//    crash or an interrupted upload leaves nothing half-written and a retry simply works.
//    When the content is already stored, Put() leaves the file untouched (deduplication).
//  - Put() trusts its caller to have checked the hash, size and type (attachments_api.cc
//    does, with the helpers below); it refuses a malformed sha256.
//  - Errors: invalid_argument (malformed sha256), not_found (Read of an absent file),
//    io_error (disk).
// Thread-safety: safe to call from several threads (every write goes through its own
// uniquely named temporary file; rename is atomic).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"

namespace invento::server {

// 64 lowercase hexadecimal digits.
bool IsSha256Hex(std::string_view s);
// The MIME type of an allowed attachment, recognised by its first bytes (not by what the
// client claims): image/jpeg, image/png, image/webp, application/pdf; nullopt otherwise.
std::optional<std::string> SniffAttachmentMime(std::string_view bytes);
// A file name extension for an allowed MIME type ("jpg", "png", "webp", "pdf").
std::string ExtensionForMime(std::string_view mime);

class AttachmentStore {
 public:
  // dir is created (with parents) if missing; io_error if it cannot be created or written.
  static Result<AttachmentStore> Open(const std::string& dir);

  struct PutResult {
    bool created = false;  // false: the content was already stored (nothing rewritten)
  };
  Result<PutResult> Put(const std::string& sha256, std::string_view bytes) const;
  bool Exists(const std::string& sha256) const;
  // Size in bytes, or not_found.
  Result<std::uint64_t> Size(const std::string& sha256) const;
  // The content, or its first max_bytes bytes.
  Result<std::string> Read(const std::string& sha256,
                           std::size_t max_bytes = std::string::npos) const;
  // Where the content lives (whether or not it exists yet).
  std::string PathOf(const std::string& sha256) const;
  const std::string& dir() const { return dir_; }

 private:
  explicit AttachmentStore(std::string dir) : dir_(std::move(dir)) {}
  std::string dir_;
};

}  // namespace invento::server
