#include "sync-server/attachment_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace invento::server {
namespace fs = std::filesystem;

namespace {

constexpr const char* kTempMarker = ".tmp-";

Status Errno(const std::string& what, const std::string& path) {
  return Status::IoError(what + " " + path + ": " + std::strerror(errno));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::string RandomSuffix() {
  unsigned char b[8];
  randombytes_buf(b, sizeof b);
  char hex[sizeof b * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open folder", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot sync folder", dir);
}

// Temporary files older than this are leftovers of a crash and are removed at Open().
constexpr auto kStaleTemp = std::chrono::hours(1);

void RemoveStaleTemps(const fs::path& dir) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!it->is_regular_file(ec) || name.find(kTempMarker) == std::string::npos) continue;
    auto modified = it->last_write_time(ec);
    if (!ec && now - modified > kStaleTemp) fs::remove(it->path(), ec);
  }
}

}  // namespace

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::optional<std::string> SniffAttachmentMime(std::string_view b) {
  if (StartsWith(b, "\xFF\xD8\xFF")) return "image/jpeg";
  if (StartsWith(b, std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(b, "%PDF-")) return "application/pdf";
  return std::nullopt;
}

std::string ExtensionForMime(std::string_view mime) {
  if (mime == "image/jpeg") return "jpg";
  if (mime == "image/png") return "png";
  if (mime == "image/webp") return "webp";
  if (mime == "application/pdf") return "pdf";
  return "bin";
}

Result<AttachmentStore> AttachmentStore::Open(const std::string& dir) {
  if (dir.empty()) return Status::InvalidArgument("the attachments folder is not set");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    return Status::IoError("cannot create the attachments folder " + dir + ": " + ec.message());
  if (!fs::is_directory(dir, ec)) {
    return Status::IoError("the attachments folder " + dir + " is not a folder");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    return Errno("cannot write to the attachments folder", dir);
  RemoveStaleTemps(dir);
  return AttachmentStore(dir);
}

std::string AttachmentStore::PathOf(const std::string& sha256) const {
  return (fs::path(dir_) / sha256.substr(0, 2) / sha256).string();
}

bool AttachmentStore::Exists(const std::string& sha256) const {
  std::error_code ec;
  return IsSha256Hex(sha256) && fs::is_regular_file(PathOf(sha256), ec);
}

Result<std::uint64_t> AttachmentStore::Size(const std::string& sha256) const {
  std::error_code ec;
  if (!IsSha256Hex(sha256))
    return Status::InvalidArgument("sha256 must be 64 lowercase hexadecimal digits");
  auto size = fs::file_size(PathOf(sha256), ec);
  if (ec) return Status::NotFound("no attachment " + sha256);
  return static_cast<std::uint64_t>(size);
}

Result<std::string> AttachmentStore::Read(const std::string& sha256, std::size_t max_bytes) const {
  INVENTO_ASSIGN_OR_RETURN(std::uint64_t size, Size(sha256));
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return Status::NotFound("no attachment " + sha256);
  std::string bytes(std::min<std::uint64_t>(size, max_bytes), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(in.gcount()) != bytes.size()) {
    return Status::IoError("cannot read attachment " + sha256);
  }
  return bytes;
}

Result<AttachmentStore::PutResult> AttachmentStore::Put(const std::string& sha256,
                                                        std::string_view bytes) const {
  if (!IsSha256Hex(sha256))
    return Status::InvalidArgument("sha256 must be 64 lowercase hexadecimal digits");
  if (Exists(sha256)) return PutResult{.created = false};
  const std::string folder = (fs::path(dir_) / sha256.substr(0, 2)).string();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return Status::IoError("cannot create " + folder + ": " + ec.message());
  const std::string final_path = PathOf(sha256);
  const std::string temp = folder + "/" + sha256 + kTempMarker + RandomSuffix();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Errno("cannot create", temp);
  Status s = WriteAll(fd, bytes, temp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("cannot sync", temp);
  if (::close(fd) != 0 && s.ok()) s = Errno("cannot close", temp);
  if (s.ok() && ::rename(temp.c_str(), final_path.c_str()) != 0) s = Errno("cannot rename", temp);
  if (!s.ok()) {
    ::unlink(temp.c_str());
    return s;
  }
  INVENTO_RETURN_IF_ERROR(FsyncDir(folder));
  return PutResult{.created = true};
}

}  // namespace invento::server
