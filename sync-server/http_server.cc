#include <utility>  // before Asio: asio/awaitable.hpp needs std::exchange (Boost 1.74 + C++20)

#include "sync-server/http_server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>
#include <set>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "core/base/json_parse.h"
#include "sync-server/client_address.h"
#include "sync-server/json_response.h"
#include "sync-server/server_log.h"

namespace invento::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

HttpRequest ToAppRequest(const http::request<http::string_body>& req, const tcp::socket& socket) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = req.body();
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (!ec) out.remote_address = ep.address().to_string();
  return out;
}

// The header of a request whose body has not been read yet (for App::OnRequestHeader).
HttpRequest ToAppHeader(const http::request_parser<http::string_body>& parser,
                        const tcp::socket& socket) {
  const auto& h = parser.get().base();
  HttpRequest out;
  out.method = std::string(h.method_string());
  out.target = std::string(h.target());
  for (const auto& field : h) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (!ec) out.remote_address = ep.address().to_string();
  return out;
}

// head: the answer to a HEAD request, whose Content-Length (if the app set one) describes
// the resource while no body is sent.
http::response<http::string_body> ToBeastResponse(HttpResponse&& r, unsigned version,
                                                  bool keep_alive, bool head = false) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "invento");
  std::string head_length = head ? r.Header("Content-Length") : std::string();
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.body() = head ? std::string() : std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  if (!head_length.empty()) res.set(http::field::content_length, head_length);
  return res;
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  explicit Impl(App& a) : app(a), acceptor(asio::make_strand(ioc)), signals(ioc), hashing(2) {}

  App& app;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::vector<std::thread> threads;
  std::thread stopper;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<bool> acceptor_closed{false};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  // Requests that hash passwords (App::HashesPasswords) run here, off the I/O threads.
  asio::thread_pool hashing;

  void Accept();
  void Broadcast(std::int64_t version);

  std::mutex ws_mu;
  std::set<std::shared_ptr<class WsSession>> ws_sessions;
};

namespace {

}  // namespace

// A device's live channel: authenticates with its first message
// {"type":"auth","token":"<bearer>"} (browsers cannot set headers on a WebSocket), then
// receives {"type":"poke","version":N} after every committed push. Messages are bounded
// (4 KiB); the server pings idle connections and drops dead ones.
class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket&& socket, HttpServer::Impl& server) : ws_(std::move(socket)), server_(server) {}

  void Run(http::request<http::string_body> req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
      res.set(http::field::server, "invento");
    }));
    ws_.read_message_max(4096);
    ws_.async_accept(req, beast::bind_front_handler(&WsSession::OnAccept, shared_from_this()));
  }

  void Send(std::string text) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->queue_.push_back(std::move(text));
      if (self->queue_.size() == 1) self->WriteNext();
    });
  }

  void Close() {
    asio::post(ws_.get_executor(), [self = shared_from_this()] {
      self->ws_.async_close(websocket::close_code::going_away, [self](beast::error_code) {});
    });
  }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) return;
    // The first message must authenticate within 10 seconds.
    auth_timer_ = std::make_unique<asio::steady_timer>(ws_.get_executor(), std::chrono::seconds(10));
    auth_timer_->async_wait([self = shared_from_this()](beast::error_code e) {
      if (!e && !self->authed_) {
        self->ws_.async_close(websocket::close_code::policy_error, [self](beast::error_code) {});
      }
    });
    DoRead();
  }

  void DoRead() {
    buffer_.clear();
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) {
      // A closed or timed-out socket is ordinary; anything else (an oversized message, a
      // protocol violation) is logged with its cause.
      if (ec != websocket::error::closed && ec != asio::error::eof && ec != asio::error::operation_aborted &&
          ec != beast::error::timeout && ec != asio::error::connection_reset) {
        LogError("websocket", ec.message());
      }
      return Unregister();
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    if (!authed_) {
      auto parsed = ParseJson(text);  // depth-limited, never throws (core/base/json_parse.h)
      const nlohmann::json msg = parsed.ok() ? std::move(parsed).value() : nlohmann::json();
      std::string token = msg.is_object() && msg.value("type", "") == "auth" && msg.contains("token") &&
                                  msg["token"].is_string()
                              ? msg["token"].get<std::string>()
                              : std::string();
      auto user = token.size() == 64 ? server_.app.Authenticate(token) : Result<SessionUser>(Status::Forbidden("no token"));
      if (!user.ok()) {
        Send(R"({"type":"error","code":"unauthenticated","message":"send {\"type\":\"auth\",\"token\":\"...\"} first"})");
        close_after_write_ = true;  // say why, then close (after the write)
        return;
      }
      if (user->must_change_password) {
        Send(R"({"type":"error","code":"password_change_required","message":"change your password first"})");
        close_after_write_ = true;
        return;
      }
      authed_ = true;
      auth_timer_->cancel();
      {
        std::lock_guard lock(server_.ws_mu);
        server_.ws_sessions.insert(shared_from_this());
      }
      auto v = server_.app.CurrentVersion();
      Send(nlohmann::json{{"type", "hello"}, {"version", v.ok() ? v.value() : 0}}.dump());
    }
    DoRead();  // other messages are ignored; reading keeps the connection's pings flowing
  }

  void WriteNext() {
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->Unregister();
      self->queue_.pop_front();
      if (!self->queue_.empty()) return self->WriteNext();
      if (self->close_after_write_) {
        self->ws_.async_close(websocket::close_code::policy_error, [self](beast::error_code) {});
      }
    });
  }

  void Unregister() {
    std::lock_guard lock(server_.ws_mu);
    server_.ws_sessions.erase(shared_from_this());
  }

  websocket::stream<beast::tcp_stream> ws_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::unique_ptr<asio::steady_timer> auth_timer_;
  bool authed_ = false;
  bool close_after_write_ = false;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void Run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

 private:
  // Reads the header first: the app decides the body limit (uploads may be larger), and
  // refuses an unauthorised or oversized upload before its body is read.
  void DoRead() {
    const Config& cfg = server_.app.config();
    parser_.emplace();
    // The header's Content-Length is checked against this while the header is parsed, so it
    // is the largest limit of any route; OnHeader() applies the request's own.
    limit_ = std::max(cfg.body_limit, cfg.attachment_max_bytes);
    parser_->body_limit(limit_);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(cfg.read_timeout_seconds));
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    started_ = std::chrono::steady_clock::now();
    if (!ec || ec == http::error::body_limit) {
      HttpRequest head = ToAppHeader(*parser_, stream_.socket());
      log_method_ = head.method;
      log_target_ = head.target;
      log_address_ = ClientAddress(head, server_.app.config().trusted_proxies);
    } else {
      log_method_ = "-";
      log_target_ = "-";
      log_address_.clear();
    }
    if (ec == http::error::body_limit) {
      // Content-Length above every limit: the fields are parsed, so the app can answer
      // with the limit of this route.
      auto d = server_.app.OnRequestHeader(ToAppHeader(*parser_, stream_.socket()));
      if (d.refusal) return Refuse(std::move(*d.refusal), 11);
    }
    if (ec) return OnRead(ec, 0);
    App::HeaderDecision d = server_.app.OnRequestHeader(ToAppHeader(*parser_, stream_.socket()));
    if (d.refusal) return Refuse(std::move(*d.refusal), parser_->get().version());
    limit_ = d.body_limit;
    parser_->body_limit(limit_);  // applies to chunked bodies; Content-Length was checked
    if (d.read_timeout_seconds > server_.app.config().read_timeout_seconds) {
      stream_.expires_after(std::chrono::seconds(d.read_timeout_seconds));
    }
    const auto& h = parser_->get();
    if (beast::iequals(h[http::field::expect], "100-continue") && !parser_->is_done()) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue),
                        [self = shared_from_this()](beast::error_code e, std::size_t) {
                          if (e) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == http::error::partial_message) {
      return Close();  // nothing of an unfinished request reaches the app
    }
    if (ec == http::error::body_limit) {
      return Refuse(JsonError(413, "payload_too_large",
                              "the request body exceeds " + std::to_string(limit_) + " bytes"),
                    11);
    }
    if (ec) return Send(JsonError(400, "bad_request", "malformed HTTP request"), 11, false);
    auto req = parser_->release();
    if (websocket::is_upgrade(req)) {
      if (req.target() != "/api/ws") {
        return Send(JsonError(404, "not_found", "WebSocket endpoint is /api/ws"), req.version(), false);
      }
      stream_.expires_never();
      LogRequest({log_method_, log_target_, 101, ElapsedMs(), "", log_address_});
      std::make_shared<WsSession>(stream_.release_socket(), server_)->Run(std::move(req));
      return;
    }
    ++server_.in_flight;
    HttpRequest app_req = ToAppRequest(req, stream_.socket());
    const bool keep = req.keep_alive() && !server_.stopping;
    const bool head = req.method() == http::verb::head;
    const unsigned version = req.version();
    if (App::HashesPasswords(app_req)) {
      // Argon2id takes ~50 ms of CPU: run it on the hashing pool and come back to this
      // connection's strand to answer, so the I/O threads stay free for everyone else.
      asio::post(server_.hashing, [self = shared_from_this(), app_req = std::move(app_req), keep,
                                   head, version]() mutable {
        HttpResponse r = self->server_.app.Handle(app_req);
        asio::post(self->stream_.get_executor(), [self, r = std::move(r), keep, head, version]() mutable {
          self->Send(std::move(r), version, keep, /*counted=*/true, head);
        });
      });
      return;
    }
    Send(server_.app.Handle(app_req), version, keep, /*counted=*/true, head);
  }

  double ElapsedMs() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  }

  void Send(HttpResponse response, unsigned version, bool keep_alive, bool counted = false,
            bool head = false) {
    if (response.Header("Content-Security-Policy").empty()) AddSecurityHeaders(response);
    LogRequest({log_method_, log_target_, response.status, ElapsedMs(), response.log_user_id, log_address_});
    const std::size_t bytes = response.body.size();
    res_ = ToBeastResponse(std::move(response), version, keep_alive, head);
    // 30 s, plus one per 256 KiB: a first-sync snapshot (tens of MB) or a large attachment
    // still gets through a slow mobile link (>= 256 KiB/s) before the deadline.
    stream_.expires_after(std::chrono::seconds(30 + bytes / (256 * 1024)));
    http::async_write(stream_, res_, [self = shared_from_this(), keep_alive, counted](
                                         beast::error_code ec, std::size_t) {
      if (counted) --self->server_.in_flight;
      if (!ec && self->linger_) return self->Linger();
      if (ec || !keep_alive) return self->Close();
      self->DoRead();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Answers a request whose body is not read (too large, or an unauthorised upload), then
  // closes the connection gracefully.
  void Refuse(HttpResponse response, unsigned version) {
    linger_ = true;
    Send(std::move(response), version, false);
  }

  // Stops sending, then reads and discards what the client still sends for a few seconds:
  // closing a socket with unread data resets the connection, and a client still sending its
  // body would lose the answer (curl without "Expect: 100-continue" reports no status).
  void Linger() {
    Close();
    drain_.resize(16 * 1024);
    stream_.expires_after(std::chrono::seconds(5));
    DrainSome();
  }
  void DrainSome() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->DrainSome();  // EOF, timeout or reset: the end
                            });
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::size_t limit_ = 0;  // the body limit of the request being read
  bool linger_ = false;    // close with Linger() after the answer
  std::vector<char> drain_;
  http::response<http::string_body> res_;
  // For the access log (server_log.h): set when the request's header arrives.
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string log_method_ = "-", log_target_ = "-", log_address_;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!acceptor.is_open()) return;  // stopped
    } else {
      std::make_shared<Session>(std::move(socket), *this)->Run();
    }
    Accept();
  });
}

void HttpServer::Impl::Broadcast(std::int64_t version) {
  std::string msg = nlohmann::json{{"type", "poke"}, {"version", version}}.dump();
  std::lock_guard lock(ws_mu);
  for (const auto& s : ws_sessions) s->Send(msg);
}

HttpServer::HttpServer(App& app) : impl_(std::make_unique<Impl>(app)) {
  app.SetVersionListener([impl = impl_.get()](std::int64_t v) { impl->Broadcast(v); });
}

HttpServer::~HttpServer() {
  Stop();
  Wait();
  impl_->app.SetVersionListener(nullptr);
  std::lock_guard lock(impl_->ws_mu);
  impl_->ws_sessions.clear();
}

Result<int> HttpServer::Start(int threads) {
  const Config& cfg = impl_->app.config();
  beast::error_code ec;
  auto address = asio::ip::make_address(cfg.bind_address, ec);
  if (ec) return Status::InvalidArgument("BIND_ADDRESS is not an IP address: " + cfg.bind_address);
  tcp::endpoint endpoint{address, static_cast<unsigned short>(cfg.port)};
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::IoError("cannot listen on " + cfg.bind_address + ":" +
                           std::to_string(cfg.port) + ": " + ec.message());
  }
  int port = acc.local_endpoint().port();
  impl_->work.emplace(impl_->ioc.get_executor());
  impl_->Accept();
  for (int i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([this] {
      PrepareThreadForCrashLog();
      for (;;) {  // a handler that throws is logged; the thread goes on serving
        try {
          impl_->ioc.run();
          return;
        } catch (const std::exception& e) {
          LogError("I/O thread", std::string("a handler threw: ") + e.what());
        } catch (...) {
          LogError("I/O thread", "a handler threw a non-standard exception");
        }
      }
    });
  }
  return port;
}

void HttpServer::StopOnSignals() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) Stop();
  });
}

void HttpServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  if (impl_->threads.empty()) {  // never started: nothing runs the posted close
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->acceptor_closed = true;
  }
  asio::post(impl_->acceptor.get_executor(), [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->acceptor_closed = true;
  });
  {
    std::lock_guard lock(impl_->ws_mu);
    for (const auto& s : impl_->ws_sessions) s->Close();
  }
  impl_->stopper = std::thread([this] {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    // The close above must run before the I/O threads stop, or the port keeps listening.
    while ((impl_->in_flight > 0 || !impl_->acceptor_closed) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    impl_->signals.cancel();
    impl_->work.reset();
    impl_->ioc.stop();
  });
}

void HttpServer::Wait() {
  for (auto& t : impl_->threads) {
    if (t.joinable() && t.get_id() != std::this_thread::get_id()) t.join();
  }
  if (impl_->stopper.joinable()) impl_->stopper.join();
  impl_->hashing.join();
}

}  // namespace invento::server
