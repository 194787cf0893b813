#include <utility>  // before Asio: asio/awaitable.hpp needs std::exchange (Boost 1.74 + C++20)

#include "sync-server/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "sync-server/json_response.h"

namespace invento::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
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

http::response<http::string_body> ToBeastResponse(HttpResponse&& r, unsigned version,
                                                  bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "invento");
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  explicit Impl(App& a) : app(a), acceptor(asio::make_strand(ioc)), signals(ioc) {}

  App& app;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::vector<std::thread> threads;
  std::thread stopper;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;

  void Accept();
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
  void DoRead() {
    parser_.emplace();
    parser_->body_limit(server_.app.config().body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(server_.app.config().read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return Send(JsonError(413, "payload_too_large",
                            "the request body exceeds " +
                                std::to_string(server_.app.config().body_limit) + " bytes"),
                  11, false);
    }
    if (ec) return Send(JsonError(400, "bad_request", "malformed HTTP request"), 11, false);
    auto req = parser_->release();
    ++server_.in_flight;
    HttpRequest app_req = ToAppRequest(req, stream_.socket());
    bool keep = req.keep_alive() && !server_.stopping;
    Send(server_.app.Handle(app_req), req.version(), keep, /*counted=*/true);
  }

  void Send(HttpResponse response, unsigned version, bool keep_alive, bool counted = false) {
    if (response.Header("Content-Security-Policy").empty()) AddSecurityHeaders(response);
    res_ = ToBeastResponse(std::move(response), version, keep_alive);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_write(stream_, res_, [self = shared_from_this(), keep_alive, counted](
                                         beast::error_code ec, std::size_t) {
      if (counted) --self->server_.in_flight;
      if (ec || !keep_alive) return self->Close();
      self->DoRead();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
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

HttpServer::HttpServer(App& app) : impl_(std::make_unique<Impl>(app)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
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
  for (int i = 0; i < threads; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
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
  asio::post(impl_->acceptor.get_executor(), [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->stopper = std::thread([this] {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
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
}

}  // namespace invento::server
