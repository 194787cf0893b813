#include "sync-server/smtp_client.h"

#include <sodium.h>
#include <unistd.h>

#include <utility>  // before Asio (toolchain.md)
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <ctime>
#include <istream>
#include <optional>

#include "sync-server/accounts.h"

namespace invento::server {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || c < 0x20) return false;
  }
  return true;
}

// A reply: its code and its text (the lines of a multi-line reply joined by newlines).
struct Reply {
  int code = 0;
  std::string text;
};

class Session {
 public:
  explicit Session(const SmtpServer& server) : server_(server), ctx_(ssl::context::tls_client) {}

  Status Send(const MailMessage& m, const std::string& body) {
    INVENTO_RETURN_IF_ERROR(Connect());
    INVENTO_RETURN_IF_ERROR(Expect("the greeting", 220));
    INVENTO_ASSIGN_OR_RETURN(Reply ehlo, Hello());
    if (server_.starttls) {
      if (!Offers(ehlo, "STARTTLS")) {
        return Status::IoError("the mail server " + server_.host +
                                   " does not offer STARTTLS (MAIL_USE_TLS is true): nothing was sent");
      }
      INVENTO_RETURN_IF_ERROR(Command("STARTTLS", "STARTTLS", 220));
      INVENTO_RETURN_IF_ERROR(StartTls());
      INVENTO_ASSIGN_OR_RETURN(ehlo, Hello());
    }
    if (!server_.username.empty()) INVENTO_RETURN_IF_ERROR(Authenticate(ehlo));
    INVENTO_RETURN_IF_ERROR(Command("MAIL FROM:<" + m.from + ">", "MAIL FROM <" + m.from + ">", 250));
    for (const std::string& to : m.to) {
      INVENTO_ASSIGN_OR_RETURN(Reply r, Ask("RCPT TO:<" + to + ">", "RCPT TO"));
      if (r.code != 250 && r.code != 251) return Refused("RCPT TO <" + to + ">", r);
    }
    INVENTO_RETURN_IF_ERROR(Command("DATA", "DATA", 354));
    INVENTO_RETURN_IF_ERROR(Command(body + "\r\n.", "the message", 250));
    (void)Ask("QUIT", "QUIT");  // the message is accepted; how the server says goodbye does not matter
    return Status::Ok();
  }

 private:
  // Runs the asynchronous operations started on io_ until they finish or the timeout passes
  // (then the connection is closed and the step fails).
  Status Wait(const std::string& what) {
    io_.restart();
    io_.run_for(server_.timeout);
    if (!io_.stopped()) {
      boost::system::error_code ignored;
      socket_.close(ignored);
      io_.run();
      return Status::IoError("the mail server " + server_.host + " did not answer " + what + " within " +
                                 std::to_string(server_.timeout.count() / 1000) + " s");
    }
    return Status::Ok();
  }

  Status Connect() {
    tcp::resolver resolver(io_);
    boost::system::error_code ec;
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(server_.host, std::to_string(server_.port),
                           [&](const boost::system::error_code& e, tcp::resolver::results_type r) {
                             ec = e;
                             endpoints = std::move(r);
                           });
    INVENTO_RETURN_IF_ERROR(Wait("the name lookup"));
    if (ec) return Status::IoError("cannot find the mail server " + server_.host + ": " + ec.message());
    asio::async_connect(socket_, endpoints, [&](const boost::system::error_code& e, const tcp::endpoint&) { ec = e; });
    INVENTO_RETURN_IF_ERROR(Wait("the connection"));
    if (ec) {
      return Status::IoError("cannot connect to the mail server " + server_.host + ":" +
                                 std::to_string(server_.port) + ": " + ec.message());
    }
    return Status::Ok();
  }

  Status StartTls() {
    boost::system::error_code ec;
    if (server_.ca_file.empty()) {
      ctx_.set_default_verify_paths(ec);
    } else {
      ctx_.load_verify_file(server_.ca_file, ec);
    }
    if (ec) return Status::IoError("cannot load the trusted certificates: " + ec.message());
    ctx_.set_verify_mode(ssl::verify_peer);
    tls_.emplace(socket_, ctx_);
    tls_->set_verify_callback(ssl::host_name_verification(server_.host));
    SSL_set_tlsext_host_name(tls_->native_handle(), server_.host.c_str());
    tls_->async_handshake(ssl::stream_base::client, [&](const boost::system::error_code& e) { ec = e; });
    INVENTO_RETURN_IF_ERROR(Wait("the TLS handshake"));
    if (ec) {
      return Status::IoError("TLS with the mail server " + server_.host + " failed (" + ec.message() +
                                 "): nothing was sent");
    }
    in_.consume(in_.size());
    return Status::Ok();
  }

  Result<Reply> Hello() {
    char host[256] = "localhost";
    if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, sizeof host, "localhost");
    INVENTO_ASSIGN_OR_RETURN(Reply r, Ask(std::string("EHLO ") + host, "EHLO"));
    if (r.code != 250) return Refused("EHLO", r);
    return r;
  }

  static bool Offers(const Reply& ehlo, std::string_view keyword) {
    std::string upper = ehlo.text;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::size_t at = 0;
    while ((at = upper.find(keyword, at)) != std::string::npos) {
      const bool starts = at == 0 || upper[at - 1] == '\n' || upper[at - 1] == ' ';
      const std::size_t end = at + keyword.size();
      if (starts && (end == upper.size() || upper[end] == '\n' || upper[end] == ' ' || upper[end] == '=')) return true;
      at = end;
    }
    return false;
  }

  Status Authenticate(const Reply& ehlo) {
    if (Offers(ehlo, "PLAIN")) {
      return Command("AUTH PLAIN " + Base64(std::string(1, '\0') + server_.username + '\0' + server_.password),
                     "AUTH PLAIN", 235);
    }
    if (Offers(ehlo, "LOGIN")) {
      INVENTO_RETURN_IF_ERROR(Command("AUTH LOGIN", "AUTH LOGIN", 334));
      INVENTO_RETURN_IF_ERROR(Command(Base64(server_.username), "AUTH LOGIN (user name)", 334));
      return Command(Base64(server_.password), "AUTH LOGIN (password)", 235);
    }
    return Status::IoError("the mail server " + server_.host +
                               " offers neither AUTH PLAIN nor AUTH LOGIN (MAIL_USERNAME is set): nothing was sent");
  }

  Status Refused(const std::string& what, const Reply& r) {
    std::string text = r.text;
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    return Status::IoError(what + " refused by the mail server " + server_.host + ": " + std::to_string(r.code) +
                               " " + text);
  }

  Status Expect(const std::string& what, int code) {
    INVENTO_ASSIGN_OR_RETURN(Reply r, ReadReply(what));
    return r.code == code ? Status::Ok() : Refused(what, r);
  }

  Status Command(const std::string& line, const std::string& what, int code) {
    INVENTO_ASSIGN_OR_RETURN(Reply r, Ask(line, what));
    return r.code == code ? Status::Ok() : Refused(what, r);
  }

  Result<Reply> Ask(const std::string& line, const std::string& what) {
    const std::string out = line + "\r\n";
    boost::system::error_code ec;
    auto done = [&](const boost::system::error_code& e, std::size_t) { ec = e; };
    if (tls_) {
      asio::async_write(*tls_, asio::buffer(out), done);
    } else {
      asio::async_write(socket_, asio::buffer(out), done);
    }
    INVENTO_RETURN_IF_ERROR(Wait(what));
    if (ec) return Status::IoError("the mail server " + server_.host + " closed the connection: " + ec.message());
    return ReadReply(what);
  }

  // One reply: lines "250-text" continue, "250 text" ends it.
  Result<Reply> ReadReply(const std::string& what) {
    Reply reply;
    for (int lines = 0; lines < 100; ++lines) {
      boost::system::error_code ec;
      auto done = [&](const boost::system::error_code& e, std::size_t) { ec = e; };
      if (tls_) {
        asio::async_read_until(*tls_, in_, "\r\n", done);
      } else {
        asio::async_read_until(socket_, in_, "\r\n", done);
      }
      INVENTO_RETURN_IF_ERROR(Wait(what));
      if (ec) return Status::IoError("the mail server " + server_.host + " closed the connection: " + ec.message());
      std::istream is(&in_);
      std::string line;
      std::getline(is, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0]))) {
        return Status::IoError("the mail server " + server_.host + " answered something that is not SMTP");
      }
      reply.code = std::stoi(line.substr(0, 3));
      if (!reply.text.empty()) reply.text += '\n';
      reply.text += line.size() > 4 ? line.substr(4) : "";
      if (line.size() == 3 || line[3] != '-') return reply;
    }
    return Status::IoError("the mail server " + server_.host + " sent a reply of more than 100 lines");
  }

  const SmtpServer& server_;
  asio::io_context io_;
  tcp::socket socket_{io_};
  ssl::context ctx_;
  std::optional<ssl::stream<tcp::socket&>> tls_;
  asio::streambuf in_{1 << 16};
};

std::string EncodedWord(const std::string& text) {
  if (IsAscii(text)) return text;
  return "=?UTF-8?B?" + Base64(text) + "?=";
}

std::string WithCrlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

std::string FormatMail(const MailMessage& m, const std::string& date, const std::string& message_id) {
  std::string to;
  for (const std::string& r : m.to) to += (to.empty() ? "" : ", ") + r;
  std::string out = "From: " + m.from + "\r\nTo: " + to + "\r\nSubject: " + EncodedWord(m.subject) +
                    "\r\nDate: " + date + "\r\nMessage-ID: <" + message_id +
                    ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n";
  const std::string body = Base64(WithCrlf(m.text));
  for (std::size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  if (!out.empty()) out.resize(out.size() - 2);  // the caller ends the data with CRLF "."
  return out;
}

Status SendMail(const SmtpServer& server, const MailMessage& message) {
  std::vector<std::string> addresses = message.to;
  addresses.push_back(message.from);
  for (const std::string& a : addresses) {
    if (a.empty() || a.find_first_of("<>\r\n ,") != std::string::npos || a.find('@') == std::string::npos) {
      return Status::InvalidArgument("not an e-mail address: '" + a + "'");
    }
  }
  if (message.to.empty()) return Status::InvalidArgument("a message needs a recipient");
  if (message.subject.find_first_of("\r\n") != std::string::npos) {
    return Status::InvalidArgument("a subject is one line");
  }
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  const std::string domain = message.from.substr(message.from.find('@') + 1);
  const std::string id = RandomUuid() + "@" + domain;
  return Session(server).Send(message, FormatMail(message, date, id));
}

}  // namespace invento::server
