// A local SMTP server for tests (the alert e-mails, sync-server/smtp_client.h): it listens on
// 127.0.0.1 (any free port), answers one connection at a time in its own thread, and keeps
// every message it accepted with its envelope. Options: offer STARTTLS (with a certificate for
// "localhost" made by the openssl command in `dir`), require AUTH PLAIN with given
// credentials, refuse one recipient, or fall silent after the greeting.
#pragma once

#include <sodium.h>

#include <utility>  // before Asio (toolchain.md)
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace invento::server::testing {

// Standard base64 (line breaks skipped); empty when the text is not base64.
inline std::string Base64Decode(const std::string& text) {
  std::string b64;
  for (char c : text) {
    if (c != '\r' && c != '\n') b64 += c;
  }
  std::string out(b64.size(), '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.c_str(), b64.size(), nullptr,
                        &n, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(n);
  return out;
}

// The decoded body of a message whose body is base64 (the digests').
inline std::string DecodedBody(const std::string& data) {
  return Base64Decode(data.substr(data.find("\r\n\r\n") + 4));
}

struct SinkMessage {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // as received, without the final "."
  bool tls = false;
  std::string auth;  // decoded AUTH PLAIN ("\0user\0password"), empty without AUTH
};

struct SinkOptions {
  static SinkOptions Plain() { return {}; }
  SinkOptions& Tls(std::string dir) { tls_dir = std::move(dir); return *this; }
  SinkOptions& Auth(std::string u, std::string p) { user = std::move(u); password = std::move(p); return *this; }
  SinkOptions& Refuse(std::string rcpt) { refuse_rcpt = std::move(rcpt); return *this; }
  SinkOptions& Silent() { silent = true; return *this; }
  std::string tls_dir;  // non-empty: offer STARTTLS with a certificate made there
  std::string user, password;  // non-empty: require AUTH PLAIN with these
  std::string refuse_rcpt;     // this recipient gets 550
  bool silent = false;         // greet, then never answer
};

class SmtpSink {
 public:
  explicit SmtpSink(SinkOptions options) : options_(std::move(options)), ctx_(boost::asio::ssl::context::tls_server) {
    if (!options_.tls_dir.empty()) {
      const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
                              " -subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout '" +
                              options_.tls_dir + "/key.pem' -out '" + options_.tls_dir + "/cert.pem' 2>/dev/null";
      made_certificate_ = std::system(cmd.c_str()) == 0;
      if (made_certificate_) {
        ctx_.use_certificate_chain_file(options_.tls_dir + "/cert.pem");
        ctx_.use_private_key_file(options_.tls_dir + "/key.pem", boost::asio::ssl::context::pem);
      }
    }
    acceptor_.open(boost::asio::ip::tcp::v4());
    acceptor_.bind({boost::asio::ip::make_address("127.0.0.1"), 0});
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Serve(); });
  }
  ~SmtpSink() {
    stopping_ = true;
    boost::system::error_code ignored;
    // Wake the accept with a connection of our own, then wait for the thread.
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)}, ignored);
    poke.close(ignored);
    thread_.join();
  }
  int port() const { return port_; }
  bool made_certificate() const { return made_certificate_; }
  std::string cert_file() const { return options_.tls_dir + "/cert.pem"; }
  std::vector<SinkMessage> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }

 private:
  using Socket = boost::asio::ip::tcp::socket;
  using Tls = boost::asio::ssl::stream<Socket&>;

  struct Conn {
    explicit Conn(Socket& s) : socket(s) {}
    Socket& socket;
    std::optional<Tls> tls;
    boost::asio::streambuf in;
    void Write(const std::string& s) {
      if (tls) boost::asio::write(*tls, boost::asio::buffer(s));
      else boost::asio::write(socket, boost::asio::buffer(s));
    }
    std::string Line() {
      if (tls) boost::asio::read_until(*tls, in, "\r\n");
      else boost::asio::read_until(socket, in, "\r\n");
      std::istream is(&in);
      std::string line;
      std::getline(is, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
  };

  void Serve() {
    while (!stopping_) {
      Socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      try {
        Conversation(socket);
      } catch (const std::exception&) {
        // the client went away: wait for the next one
      }
    }
  }

  void Conversation(Socket& socket) {
    Conn c(socket);
    c.Write("220 sink.test ESMTP\r\n");
    if (options_.silent) {
      c.Line();  // read the client's EHLO and never answer it
      while (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return;
    }
    SinkMessage m;
    while (true) {
      const std::string line = c.Line();
      const std::string verb = line.substr(0, line.find_first_of(" :"));
      if (verb == "EHLO") {
        std::string caps = "250-sink.test\r\n";
        if (!options_.tls_dir.empty() && !m.tls) caps += "250-STARTTLS\r\n";
        if (!options_.user.empty()) caps += "250-AUTH LOGIN PLAIN\r\n";
        c.Write(caps + "250 8BITMIME\r\n");
      } else if (verb == "STARTTLS") {
        c.Write("220 go ahead\r\n");
        c.tls.emplace(socket, ctx_);
        c.tls->handshake(boost::asio::ssl::stream_base::server);
        c.in.consume(c.in.size());
        m.tls = true;
      } else if (verb == "AUTH") {
        const std::string decoded = Base64Decode(line.size() > 11 ? line.substr(11) : "");
        const bool good = decoded == std::string(1, '\0') + options_.user + '\0' + options_.password;
        m.auth = decoded;
        c.Write(good ? "235 ok\r\n" : "535 authentication failed\r\n");
      } else if (verb == "MAIL") {
        if (!options_.user.empty() && m.auth.empty()) {
          c.Write("530 authentication required\r\n");
          continue;
        }
        m.from = Between(line);
        c.Write("250 ok\r\n");
      } else if (verb == "RCPT") {
        const std::string to = Between(line);
        if (to == options_.refuse_rcpt) {
          c.Write("550 no such mailbox\r\n");
          continue;
        }
        m.to.push_back(to);
        c.Write("250 ok\r\n");
      } else if (verb == "DATA") {
        c.Write("354 end with .\r\n");
        std::string data;
        for (std::string l = c.Line(); l != "."; l = c.Line()) data += l + "\r\n";
        m.data = data;
        {
          std::lock_guard lock(mu_);
          messages_.push_back(m);
        }
        c.Write("250 queued\r\n");
      } else if (verb == "QUIT") {
        c.Write("221 bye\r\n");
        return;
      } else {
        c.Write("502 not implemented\r\n");
      }
    }
  }

  static std::string Between(const std::string& line) {
    const auto a = line.find('<'), b = line.find('>');
    return a == std::string::npos || b == std::string::npos ? "" : line.substr(a + 1, b - a - 1);
  }

  SinkOptions options_;
  boost::asio::io_context io_;
  boost::asio::ssl::context ctx_;
  boost::asio::ip::tcp::acceptor acceptor_{io_};
  int port_ = 0;
  bool made_certificate_ = false;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<SinkMessage> messages_;
};

}  // namespace invento::server::testing
