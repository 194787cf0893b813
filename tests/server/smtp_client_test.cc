// The SMTP client of the alert e-mails (sync-server/smtp_client.h) against a local SMTP sink
// (smtp_sink.h): plain delivery, STARTTLS with a verified certificate and AUTH PLAIN, and each
// way it must refuse or give up without sending anything.
#include "sync-server/smtp_client.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "tests/server/smtp_sink.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

using testing::SinkOptions;
using testing::SmtpSink;

class SmtpClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
  MailMessage Message() {
    return {.from = "invento@example.fr",
            .to = {"marie@example.fr"},
            .subject = "Invento : échéances du 2030-01-01",
            .text = "Bonjour Marie,\n.une ligne qui commence par un point\nété\n"};
  }
  SmtpServer Server(int port) {
    SmtpServer s;
    s.host = "localhost";
    s.port = port;
    s.timeout = std::chrono::seconds(5);
    return s;
  }
  testing::TempDir dir_;
};

TEST_F(SmtpClientTest, DeliversAUtf8MessageUnchanged) {
  SmtpSink sink(SinkOptions::Plain());
  ASSERT_TRUE(SendMail(Server(sink.port()), Message()).ok());
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, "invento@example.fr");
  EXPECT_EQ(got[0].to, std::vector<std::string>{"marie@example.fr"});
  EXPECT_FALSE(got[0].tls);
  // A non-ASCII subject travels as an RFC 2047 encoded word.
  EXPECT_NE(got[0].data.find("Subject: =?UTF-8?B?SW52ZW50byA6IMOpY2jDqWFuY2VzIGR1IDIwMzAtMDEtMDE=?="), std::string::npos)
      << got[0].data;
  EXPECT_NE(got[0].data.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(got[0].data.find("Message-ID: <"), std::string::npos);
  EXPECT_EQ(testing::DecodedBody(got[0].data), "Bonjour Marie,\r\n.une ligne qui commence par un point\r\nété\r\n");
}

TEST_F(SmtpClientTest, StartTlsVerifiesTheCertificateThenAuthenticates) {
  SmtpSink sink(SinkOptions::Plain().Tls(dir_.Path()).Auth("relay", "s3cret"));
  ASSERT_TRUE(sink.made_certificate()) << "the openssl command is needed (scripts/setup.sh installs it)";
  SmtpServer server = Server(sink.port());
  server.starttls = true;
  server.username = "relay";
  server.password = "s3cret";
  server.ca_file = sink.cert_file();
  Status sent = SendMail(server, Message());
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].tls);
  EXPECT_EQ(got[0].auth, std::string(1, '\0') + "relay" + '\0' + "s3cret");

  server.password = "wrong";
  Status refused = SendMail(server, Message());
  EXPECT_EQ(refused.code(), Code::kIoError);
  EXPECT_NE(refused.message().find("AUTH PLAIN refused by the mail server localhost: 535"), std::string::npos)
      << refused.message();
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST_F(SmtpClientTest, AnUntrustedCertificateSendsNothing) {
  SmtpSink sink(SinkOptions::Plain().Tls(dir_.Path()).Auth("relay", "s3cret"));
  ASSERT_TRUE(sink.made_certificate());
  SmtpServer server = Server(sink.port());
  server.starttls = true;
  server.username = "relay";
  server.password = "s3cret";  // the system's certificates do not trust the sink's
  Status s = SendMail(server, Message());
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_NE(s.message().find("TLS with the mail server localhost failed"), std::string::npos) << s.message();
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpClientTest, NoStartTlsOfferedMeansNoCredentialsInClear) {
  SmtpSink sink(SinkOptions::Plain().Auth("relay", "s3cret"));
  SmtpServer server = Server(sink.port());
  server.starttls = true;
  server.username = "relay";
  server.password = "s3cret";
  Status s = SendMail(server, Message());
  EXPECT_NE(s.message().find("does not offer STARTTLS"), std::string::npos) << s.message();
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpClientTest, ARefusedRecipientIsReportedWithTheServersWords) {
  SmtpSink sink(SinkOptions::Plain().Refuse("nobody@example.fr"));
  MailMessage m = Message();
  m.to = {"nobody@example.fr"};
  Status s = SendMail(Server(sink.port()), m);
  EXPECT_NE(s.message().find("RCPT TO <nobody@example.fr> refused by the mail server localhost: 550 no such mailbox"),
            std::string::npos)
      << s.message();
  EXPECT_TRUE(sink.messages().empty());
}

TEST_F(SmtpClientTest, ASilentServerTimesOutInsteadOfHanging) {
  SmtpSink sink(SinkOptions::Plain().Silent());
  SmtpServer server = Server(sink.port());
  server.timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  Status s = SendMail(server, Message());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_NE(s.message().find("did not answer EHLO"), std::string::npos) << s.message();
}

TEST_F(SmtpClientTest, NoServerAndBadAddressesAreClearErrors) {
  SmtpServer nowhere = Server(1);  // nothing listens on port 1
  Status s = SendMail(nowhere, Message());
  EXPECT_NE(s.message().find("cannot connect to the mail server localhost:1"), std::string::npos) << s.message();
  MailMessage bad = Message();
  bad.to = {"marie@example.fr>\r\nRCPT TO:<evil@example.com"};
  EXPECT_EQ(SendMail(nowhere, bad).code(), Code::kInvalidArgument);
  bad = Message();
  bad.subject = "two\r\nBcc: evil@example.com";
  EXPECT_EQ(SendMail(nowhere, bad).code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace invento::server
