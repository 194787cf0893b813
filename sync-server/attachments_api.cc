// /api/attachments/<sha256>: attachment bytes, content-addressed (docs/sync-protocol.md).
//
//   PUT   raw bytes as the body. The server recomputes the SHA-256 (400 sha256_mismatch),
//         enforces ATTACHMENT_MAX_BYTES (413), recognises the type by its first bytes
//         (JPEG, PNG, WebP, PDF; otherwise 415) and stores the file atomically. 201 when
//         stored, 200 when the same content was already there (nothing rewritten).
//         Roles: those allowed attachment.add (not consultants: 403).
//   HEAD  200 with Content-Length when stored, 404 otherwise (lets a device skip an upload).
//   GET   the bytes, with the sniffed Content-Type, as a download (Content-Disposition),
//         nosniff, a sandboxing CSP, private immutable caching and an ETag.
// Every method needs a valid session (401) and no pending password change (403); a path
// that is not 64 lowercase hex digits is 400. The metadata row (attachment.add) travels
// through push/pull like any other row; the two are not coupled.
#include "sync-server/app.h"
#include "sync-server/json_response.h"

namespace invento::server {
namespace {

constexpr const char* kPrefix = "/api/attachments/";
// Large uploads get extra time: at least this many bytes per second must arrive.
constexpr std::size_t kMinUploadBytesPerSecond = 64 * 1024;

bool IsUpload(const HttpRequest& req) {
  return req.method == "PUT" && req.Path().rfind(kPrefix, 0) == 0;
}

std::string ETagOf(const std::string& sha256) { return "\"" + sha256 + "\""; }

// The declared body length, if any and well-formed.
std::optional<std::size_t> ContentLength(const HttpRequest& req) {
  std::string v = req.Header("content-length");
  if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoull(v));
}

HttpResponse TooLarge(std::size_t limit, bool upload) {
  return JsonError(413, "payload_too_large",
                   upload ? "attachments are limited to " + std::to_string(limit) +
                                " bytes (ATTACHMENT_MAX_BYTES)"
                          : "the request body exceeds " + std::to_string(limit) + " bytes");
}

}  // namespace

App::HeaderDecision App::OnRequestHeader(const HttpRequest& head) {
  HeaderDecision d;
  const bool upload = IsUpload(head);
  d.body_limit = upload ? config_.attachment_max_bytes : config_.body_limit;
  d.read_timeout_seconds = config_.read_timeout_seconds;
  auto length = ContentLength(head);
  if (length && *length > d.body_limit) {
    d.refusal = TooLarge(d.body_limit, upload);
    return d;
  }
  if (!upload) return d;
  std::string sha;
  d.refusal = CheckAttachmentRequest(head, &sha);
  d.read_timeout_seconds +=
      static_cast<int>(length.value_or(d.body_limit) / kMinUploadBytesPerSecond);
  return d;
}

std::optional<HttpResponse> App::CheckAttachmentRequest(const HttpRequest& req,
                                                        std::string* sha256) {
  auto user = RequireSession(req);
  if (!user.ok()) return SessionRefusal(user.status());
  if (user->must_change_password) {
    return JsonError(403, "password_change_required", "change your password first");
  }
  if (req.method == "PUT" && !IsAllowed(user->role, "attachment.add")) {
    return JsonError(
        403, "forbidden",
        "the " + std::string(RoleName(user->role)) + " role may not upload attachments");
  }
  std::string sha = req.Path().substr(std::string_view(kPrefix).size());
  if (!IsSha256Hex(sha)) {
    return JsonError(400, "invalid_argument",
                     "the path must end with the content's SHA-256: 64 lowercase hexadecimal "
                     "digits (/api/attachments/<sha256>)");
  }
  *sha256 = sha;
  return std::nullopt;
}

HttpResponse App::Attachments(const HttpRequest& req, const std::string& path) {
  (void)path;
  if (req.method != "PUT" && req.method != "GET" && req.method != "HEAD") {
    HttpResponse r =
        JsonError(405, "method_not_allowed", req.method + " is not allowed on attachments");
    r.SetHeader("Allow", "GET, HEAD, PUT");
    return r;
  }
  std::string sha;
  if (auto refused = CheckAttachmentRequest(req, &sha)) return *refused;
  return req.method == "PUT" ? UploadAttachment(req, sha) : DownloadAttachment(req, sha);
}

HttpResponse App::UploadAttachment(const HttpRequest& req, const std::string& sha) {
  const std::string& bytes = req.body;
  if (bytes.size() > config_.attachment_max_bytes) {
    return TooLarge(config_.attachment_max_bytes, true);
  }
  const std::string actual = Sha256Hex(bytes);
  if (actual != sha) {
    return JsonError(400, "sha256_mismatch",
                     "the body's SHA-256 is " + actual + ", not the " + sha +
                         " named in the path: the upload was altered or cut short; send it again");
  }
  auto mime = SniffAttachmentMime(bytes);
  if (!mime) {
    return JsonError(
        415, "unsupported_media_type",
        "only JPEG, PNG, WebP and PDF files are accepted (recognised by their content)");
  }
  auto put = attachments_->Put(sha, bytes);
  if (!put.ok()) return StatusResponse(put.status());
  HttpResponse r = JsonResponse(put->created ? 201 : 200, {{"ok", true},
                                                           {"sha256", sha},
                                                           {"size_bytes", bytes.size()},
                                                           {"mime", *mime},
                                                           {"created", put->created}});
  r.SetHeader("Location", kPrefix + sha);
  return r;
}

HttpResponse App::DownloadAttachment(const HttpRequest& req, const std::string& sha) {
  const bool head = req.method == "HEAD";
  auto size = attachments_->Size(sha);
  if (!size.ok()) return JsonError(404, "not_found", "no attachment " + sha + " is stored");
  HttpResponse r;
  r.SetHeader("ETag", ETagOf(sha));
  r.SetHeader("Cache-Control", "private, max-age=31536000, immutable");
  if (req.Header("if-none-match") == ETagOf(sha)) {
    r.status = 304;
    return r;
  }
  // Only the first bytes are needed for the type of a HEAD answer.
  auto bytes = attachments_->Read(sha, head ? 16 : std::string::npos);
  if (!bytes.ok()) return StatusResponse(bytes.status());
  std::string mime = SniffAttachmentMime(bytes.value()).value_or("application/octet-stream");
  r.status = 200;
  r.SetHeader("Content-Type", mime);
  r.SetHeader("Content-Disposition",
              "attachment; filename=\"" + sha + "." + ExtensionForMime(mime) + "\"");
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
  if (head) {
    r.SetHeader("Content-Length", std::to_string(size.value()));
  } else {
    r.body = std::move(bytes).value();
  }
  return r;
}

}  // namespace invento::server
