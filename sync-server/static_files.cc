#include "sync-server/static_files.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "sync-server/json_response.h"

namespace invento::server {
namespace fs = std::filesystem;

bool PercentDecode(const std::string& s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      *out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return false;
    }
    *out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return true;
}

std::string MimeType(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".woff2", "font/woff2"},
  };
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, t] : kTypes) {
    if (ext == e) return t;
  }
  return "application/octet-stream";
}

namespace {

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// The precompressed copy to send (web/scripts/compress.mjs writes them at build time):
// ".br" or ".gz" beside the file when the request accepts that coding and the copy is
// there and not older than the file (a file changed after the build is sent as it is,
// never a stale copy); "" for the file itself.
std::string ChooseEncoding(const fs::path& file, const HttpRequest& request) {
  const std::string accept = request.Header("accept-encoding");
  std::error_code ec;
  const auto file_time = fs::last_write_time(file, ec);
  if (ec) return "";
  for (const char* coding : {"br", "gzip"}) {
    const std::string copy = file.string() + (std::string_view(coding) == "br" ? ".br" : ".gz");
    if (!AcceptsEncoding(accept, coding) || !fs::is_regular_file(copy, ec)) continue;
    const auto copy_time = fs::last_write_time(copy, ec);
    if (!ec && copy_time >= file_time) return coding;
  }
  return "";
}

HttpResponse FileResponse(const fs::path& file, const std::string& url_path,
                          const HttpRequest& request) {
  const bool head = request.method == "HEAD";
  HttpResponse r;
  std::string body;
  const std::string coding = ChooseEncoding(file, request);
  const std::string source = file.string() + (coding == "br"     ? ".br"
                                              : coding == "gzip" ? ".gz"
                                                                 : "");
  if (!ReadFile(source, &body)) return JsonError(500, "io_error", "cannot read file");
  r.SetHeader("Content-Type", MimeType(file.string()));
  if (!coding.empty()) r.SetHeader("Content-Encoding", coding);
  r.SetHeader("Vary", "Accept-Encoding");
  bool hashed = url_path.rfind("/assets/", 0) == 0;
  r.SetHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.body = head ? std::string() : std::move(body);
  return r;
}

}  // namespace

bool AcceptsEncoding(const std::string& accept_encoding, const std::string& coding) {
  // An entry naming the coding decides; without one, "*" does (RFC 9110, 12.5.3): so
  // "*, gzip;q=0" refuses gzip. "q=0" (0, 0.0, 0.00...) refuses; any other weight accepts.
  std::optional<bool> named, wildcard;
  std::stringstream list(accept_encoding);
  std::string item;
  while (std::getline(list, item, ',')) {
    std::string name = item.substr(0, item.find(';'));
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != coding && name != "*") continue;
    bool accepts = true;
    auto q = item.find("q=");
    if (q != std::string::npos) {
      std::string weight = item.substr(q + 2);
      weight.erase(weight.find_last_not_of(" \t") + 1);
      accepts = weight.find_first_not_of("0.") != std::string::npos;
    }
    (name == coding ? named : wildcard) = accepts;
  }
  return named.value_or(wildcard.value_or(false));
}

HttpResponse ServeStatic(const std::string& web_root, const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    HttpResponse r = JsonError(405, "method_not_allowed", "only GET and HEAD are allowed here");
    r.SetHeader("Allow", "GET, HEAD");
    return r;
  }
  std::string path;
  if (!PercentDecode(request.Path(), &path) || path.empty() || path[0] != '/' ||
      path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return JsonError(400, "invalid_argument", "malformed path");
  }
  // Refuse any ".." segment outright (also catches encoded %2e%2e after decoding).
  std::stringstream segments(path);
  std::string seg;
  while (std::getline(segments, seg, '/')) {
    if (seg == "..") return JsonError(400, "invalid_argument", "path traversal refused");
  }
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::path(web_root), ec);
  fs::path index = root / "index.html";
  if (ec || !fs::exists(index)) {
    return JsonError(503, "unavailable", "the web app is not built (WEB_ROOT " + web_root + ")");
  }
  fs::path candidate = fs::weakly_canonical(root / path.substr(1), ec);
  std::string rel = candidate.lexically_relative(root).string();
  if (ec || rel.empty() || rel.rfind("..", 0) == 0) {
    return JsonError(400, "invalid_argument", "path traversal refused");
  }
  if (path == "/" || rel == ".") return FileResponse(index, "/index.html", request);
  if (fs::is_regular_file(candidate, ec)) return FileResponse(candidate, path, request);
  std::string last = path.substr(path.find_last_of('/') + 1);
  if (last.find('.') != std::string::npos) {
    return JsonError(404, "not_found", "no such file: " + path);
  }
  return FileResponse(index, "/index.html", request);  // an app route: the SPA handles it
}

}  // namespace invento::server
