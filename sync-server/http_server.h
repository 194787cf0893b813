// The HTTP transport (Boost.Beast): an acceptor, one session per connection on a strand,
// each request handed to App::Handle. Beast stays inside http_server.cc.
//
// Contract: the header of each request is read first and shown to App::OnRequestHeader,
// which sets the body limit (Config::body_limit; attachment uploads up to
// Config::attachment_max_bytes) and may refuse the request before its body is read (an
// upload without a valid session). A body over the limit gets 413 (JSON) and the connection
// is closed (after discarding, for up to 5 s, what the client still sends, so it can read
// the answer); a request not fully received within the read timeout (longer for large
// uploads) closes the connection, and a partly received request never reaches the app; a
// request Beast cannot parse gets 400. "Expect: 100-continue" is answered. HEAD answers
// keep the Content-Length the app set. Stop() stops accepting, waits up to
// five seconds for requests in flight to be answered, then stops the I/O threads.
#pragma once

#include <memory>

#include "core/base/status.h"
#include "sync-server/app.h"

namespace invento::server {

class HttpServer {
 public:
  explicit HttpServer(App& app);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds config().bind_address:config().port (0 = any free port) and starts `threads` I/O
  // threads. Returns the bound port.
  Result<int> Start(int threads);
  // Makes SIGINT/SIGTERM call Stop().
  void StopOnSignals();
  // Graceful stop (idempotent; callable from any thread).
  void Stop();
  // Blocks until the I/O threads have finished.
  void Wait();

  struct Impl;  // opaque: defined in http_server.cc

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace invento::server
