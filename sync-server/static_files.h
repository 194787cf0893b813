// Serves the built web app from a directory.
//
// Contract: only GET/HEAD. The request path is percent-decoded once; a path containing a
// ".." segment, a backslash, a NUL or an invalid escape is refused (400) before touching the
// file system, and the resolved file must stay under the web root. Known extensions get
// their MIME type (.wasm application/wasm, .mjs/.js text/javascript); hashed assets under
// /assets/ are cached for a year (immutable), everything else must revalidate. A path
// without an extension that matches no file falls back to index.html (app routes); a missing
// file with an extension is a 404. Precompressed copies written at build time
// (web/scripts/compress.mjs: "<file>.br", "<file>.gz") are sent instead of the file when
// the request's Accept-Encoding accepts them and they are not older than the file (Brotli first),
// with Content-Encoding and Vary: Accept-Encoding; nothing is compressed per request.
#pragma once

#include <string>

#include "sync-server/http_types.h"

namespace invento::server {

HttpResponse ServeStatic(const std::string& web_root, const HttpRequest& request);

// Percent-decodes s; returns false on a malformed escape.
bool PercentDecode(const std::string& s, std::string* out);
std::string MimeType(const std::string& path);
// True if an Accept-Encoding header value accepts coding ("gzip", "br"): listed (or "*")
// without q=0.
bool AcceptsEncoding(const std::string& accept_encoding, const std::string& coding);

}  // namespace invento::server
