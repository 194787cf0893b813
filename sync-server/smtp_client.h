// Sending one plain-text e-mail through an SMTP server (RFC 5321): the alert digests
// (alert_digest.h). Boost.Asio, with OpenSSL for STARTTLS (RFC 3207).
//
// One connection per message: EHLO; STARTTLS when `starttls` (refused if the server does not
// offer it: credentials never travel in clear because TLS was silently skipped), then the
// certificate is verified against the system's trusted certificates (or `ca_file`) and the
// host name; AUTH PLAIN (or LOGIN when that is all the server offers) when a username is
// set; MAIL FROM, RCPT TO for each recipient, DATA, QUIT. The message is UTF-8 text: the
// subject as an RFC 2047 encoded word, the body in base64, so any text (accents, a line
// starting with ".") arrives unchanged.
//
// Every step has `timeout`; a server that stops answering fails the send (io_error), it
// never hangs the caller. A reply other than the expected one fails with the server's own
// words in the message (e.g. "RCPT TO <x@y> refused: 550 no such user").
// Blocking; thread-safe (no shared state).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace invento::server {

struct SmtpServer {
  std::string host;
  int port = 25;
  bool starttls = false;
  std::string username, password;  // empty username: no authentication
  std::string ca_file;             // empty: the system's trusted certificates
  std::chrono::milliseconds timeout{30'000};
};

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8, lines separated by \n
};

// The message as sent after DATA (headers and base64 body, CRLF line ends, no final dot).
// `date` is an RFC 5322 date, `message_id` without angle brackets.
std::string FormatMail(const MailMessage& m, const std::string& date, const std::string& message_id);

Status SendMail(const SmtpServer& server, const MailMessage& message);

}  // namespace invento::server
