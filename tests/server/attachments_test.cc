// Attachments over real HTTP on 127.0.0.1: upload by sha256 (hash, size and type checked),
// deduplication, download with a session, interrupted uploads, and the metadata row
// replicated through push/pull. Plain POSIX sockets (no second Beast compile).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "sync-server/http_server.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// Minimal files of each allowed type (their first bytes are what the server checks).
const std::string kJpeg =
    "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9"s;
const std::string kPng =
    "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"s;
const std::string kWebp =
    "RIFF\x1A\x00\x00\x00WEBPVP8L\x0D\x00\x00\x00\x2F\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xFE\x07\x00"s;
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

using testing::Connect;

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string ReadUntilClosed(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercased names
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  Json JsonBody() const { return Json::parse(body, nullptr, false); }
};

Reply ParseReply(const std::string& raw) {
  Reply r;
  auto end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return r;
  r.status = std::stoi(raw.substr(9, 3));
  std::stringstream head(raw.substr(0, end));
  std::string line;
  std::getline(head, line);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = line.substr(colon + 2);
  }
  r.body = raw.substr(end + 4);
  return r;
}

std::string RequestHead(const std::string& method, const std::string& target,
                        const std::string& token, std::size_t length,
                        const std::string& extra = "") {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!token.empty()) raw += "Authorization: Bearer " + token + "\r\n";
  if (method != "GET" && method != "HEAD")
    raw += "Content-Length: " + std::to_string(length) + "\r\n";
  return raw + extra + "\r\n";
}

// One request on a fresh connection.
Reply Http(int port, const std::string& method, const std::string& target, const std::string& token,
           const std::string& body = "", const std::string& extra_headers = "") {
  int fd = Connect(port);
  if (fd < 0) return {};
  SendAll(fd, RequestHead(method, target, token, body.size(), extra_headers) + body);
  std::string raw = ReadUntilClosed(fd);
  ::close(fd);
  return ParseReply(raw);
}

int FilesUnder(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    n += it->is_regular_file() ? 1 : 0;
  }
  return n;
}

class AttachmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Config c = testing::TestConfig(dir_);
    c.attachment_max_bytes = 256 * 1024;  // above body_limit (64 KiB): uploads get their own
    now_ = NowMs();
    auto app = App::Create(c, [this] { return now_.load(); });
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
    server_ = std::make_unique<HttpServer>(*app_);
    auto port = server_->Start(2);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = port.value();
    auto admin = Device();
    ASSERT_TRUE(admin->Login("admin", "Admin123!"));
    auto pw = admin->Post("/api/password",
                          {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}});
    ASSERT_EQ(pw.status, 200) << pw.body;
    for (auto [name, role] :
         {std::pair{"manager", "manager"}, {"tech", "technician"}, {"viewer", "consultant"}}) {
      auto r = admin->Post("/api/admin/users",
                           {{"username", name}, {"role", role}, {"password", "Initial-1"}});
      ASSERT_EQ(r.status, 200) << r.body;
      auto d = Device();
      ASSERT_TRUE(d->Login(name, "Initial-1"));
      ASSERT_EQ(d->Post("/api/password", {{"current_password", "Initial-1"},
                                          {"new_password", std::string(name) + "-Pass-1"}})
                    .status,
                200);
      tokens_[name] = d->token();
    }
    ASSERT_TRUE(admin->Login("admin", "Admin-Pass-1"));
    tokens_["admin"] = admin->token();
  }
  void TearDown() override {
    server_->Stop();
    server_->Wait();
  }
  // A simulated device talking real HTTP to the server.
  std::unique_ptr<testing::SimDevice> Device() {
    return std::make_unique<testing::SimDevice>(
        [this](const HttpRequest& q) {
          std::string extra;
          for (const auto& [k, v] : q.headers) {
            if (k != "content-length") extra += k + ": " + v + "\r\n";
          }
          Reply r = Http(port_, q.method, q.target, "", q.body, extra);
          HttpResponse out;
          out.status = r.status;
          out.body = r.body;
          for (const auto& [k, v] : r.headers) out.SetHeader(k, v);
          return out;
        },
        rng_);
  }
  Reply Put(const std::string& bytes, const std::string& who = "manager", std::string sha = "") {
    if (sha.empty()) sha = Sha256Hex(bytes);
    return Http(port_, "PUT", "/api/attachments/" + sha, tokens_[who], bytes);
  }
  Reply Get(const std::string& sha, const std::string& who = "manager",
            const std::string& method = "GET", const std::string& extra = "") {
    return Http(port_, method, "/api/attachments/" + sha, who.empty() ? "" : tokens_[who], "",
                extra);
  }
  std::string Files() const { return dir_.Path("data/attachments"); }
  std::string StoredPath(const std::string& sha) const {
    return Files() + "/" + sha.substr(0, 2) + "/" + sha;
  }

  testing::TempDir dir_;
  std::atomic<std::int64_t> now_{0};
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::mt19937_64 rng_{7};
  std::map<std::string, std::string> tokens_;
};

TEST_F(AttachmentsTest, EachAllowedTypeIsStoredOnceThenDeduplicated) {
  const std::pair<std::string, std::string> files[] = {
      {kJpeg, "image/jpeg"}, {kPng, "image/png"}, {kWebp, "image/webp"}, {kPdf, "application/pdf"}};
  for (const auto& [bytes, mime] : files) {
    const std::string sha = Sha256Hex(bytes);
    EXPECT_EQ(Get(sha, "manager", "HEAD").status, 404) << mime;
    Reply first = Put(bytes);
    ASSERT_EQ(first.status, 201) << mime << " " << first.body;
    Json b = first.JsonBody();
    EXPECT_EQ(b["sha256"], sha);
    EXPECT_EQ(b["size_bytes"], bytes.size());
    EXPECT_EQ(b["mime"], mime);
    EXPECT_EQ(first.Header("location"), "/api/attachments/" + sha);
    struct stat before {};
    ASSERT_EQ(::stat(StoredPath(sha).c_str(), &before), 0) << mime;
    Reply again = Put(bytes, "tech");  // another user, same content
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.JsonBody()["mime"], mime);
    EXPECT_EQ(again.JsonBody()["created"], false);
    struct stat after {};
    ASSERT_EQ(::stat(StoredPath(sha).c_str(), &after), 0);
    EXPECT_EQ(before.st_ino, after.st_ino) << "the stored file was rewritten";
    EXPECT_EQ(Get(sha, "manager", "HEAD").status, 200);
  }
  EXPECT_EQ(FilesUnder(Files()), 4);  // one file per content, no temporary file left
}

TEST_F(AttachmentsTest, HashMismatchIs400AndStoresNothing) {
  const std::string other = Sha256Hex("something else");
  Reply r = Put(kJpeg, "manager", other);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.JsonBody()["code"], "sha256_mismatch");
  EXPECT_NE(r.JsonBody()["message"].get<std::string>().find(Sha256Hex(kJpeg)), std::string::npos);
  // A body cut short (the last byte missing) is a mismatch too.
  EXPECT_EQ(Put(kJpeg.substr(0, kJpeg.size() - 1), "manager", Sha256Hex(kJpeg)).status, 400);
  EXPECT_EQ(FilesUnder(Files()), 0);
  EXPECT_EQ(Get(other).status, 404);
}

TEST_F(AttachmentsTest, UploadsHaveTheirOwnSizeLimit) {
  // 100 KiB: over the general body limit (64 KiB), under the attachment limit (256 KiB).
  std::string big = kJpeg + std::string(100 * 1024, 'x');
  Reply ok = Put(big);
  EXPECT_EQ(ok.status, 201) << ok.body;
  // 32 MiB (more than the socket buffers hold): refused from the header. The client sends
  // its whole body anyway (no "Expect: 100-continue"), as curl does; the server discards it
  // instead of resetting the connection, so sending succeeds and the answer arrives.
  std::string huge = kJpeg + std::string(32 * 1024 * 1024, 'x');
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(SendAll(fd, RequestHead("PUT", "/api/attachments/" + Sha256Hex(huge),
                                      tokens_["manager"], huge.size()) +
                              huge))
      << "the connection was reset while the client was sending";
  Reply refused = ParseReply(ReadUntilClosed(fd));
  ::close(fd);
  EXPECT_EQ(refused.status, 413) << refused.body.substr(0, 200);
  EXPECT_EQ(refused.JsonBody()["code"], "payload_too_large");
  EXPECT_NE(refused.JsonBody()["message"].get<std::string>().find("262144"), std::string::npos);
  EXPECT_FALSE(fs::exists(StoredPath(Sha256Hex(huge))));
  // Other routes keep the general limit.
  Reply login = Http(port_, "POST", "/api/login", "", std::string(100 * 1024, ' '),
                     "Content-Type: application/json\r\n");
  EXPECT_EQ(login.status, 413);
  EXPECT_EQ(FilesUnder(Files()), 1);
}

TEST_F(AttachmentsTest, ContentOutsideTheAllowlistIs415) {
  const std::string refused[] = {
      "plain text, not a picture",
      "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF"s,  // Windows executable
      "\x7F"
      "ELF\x02\x01\x01\x00"s,                                       // Linux executable
      "RIFF\x24\x00\x00\x00WAVEfmt "s,                              // RIFF, but audio
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",  // scriptable image
      "",                                                           // empty
  };
  for (const auto& bytes : refused) {
    Reply r = Put(bytes);
    EXPECT_EQ(r.status, 415) << bytes;
    EXPECT_EQ(r.JsonBody()["code"], "unsupported_media_type");
  }
  EXPECT_EQ(FilesUnder(Files()), 0);
}

TEST_F(AttachmentsTest, SessionsAndRolesAreRequired) {
  const std::string sha = Sha256Hex(kPng);
  for (const char* method : {"PUT", "GET", "HEAD"}) {
    Reply r = Http(port_, method, "/api/attachments/" + sha, "", method == "PUT"s ? kPng : "");
    EXPECT_EQ(r.status, 401) << method;
  }
  EXPECT_EQ(Http(port_, "PUT", "/api/attachments/" + sha, std::string(64, 'f'), kPng).status, 401);
  Reply viewer = Put(kPng, "viewer");  // consultants never write
  EXPECT_EQ(viewer.status, 403);
  EXPECT_EQ(viewer.JsonBody()["code"], "forbidden");
  EXPECT_EQ(FilesUnder(Files()), 0);
  ASSERT_EQ(Put(kPng, "tech").status, 201);
  EXPECT_EQ(Get(sha, "viewer").status, 200);  // consultants may read
  EXPECT_EQ(Get(sha, "").status, 401);
  // A session that expired no longer downloads.
  now_ += (Accounts::kSessionSeconds + 1) * 1000;
  EXPECT_EQ(Get(sha, "viewer").status, 401);
  EXPECT_EQ(Put(kJpeg, "manager").status, 401);
}

TEST_F(AttachmentsTest, APasswordChangeIsRequiredFirst) {
  auto admin = Device();
  ASSERT_TRUE(admin->Login("admin", "Admin-Pass-1"));
  ASSERT_EQ(admin
                ->Post("/api/admin/users",
                       {{"username", "newbie"}, {"role", "manager"}, {"password", "Initial-1"}})
                .status,
            200);
  auto newbie = Device();
  ASSERT_TRUE(newbie->Login("newbie", "Initial-1"));
  Reply r = Http(port_, "PUT", "/api/attachments/" + Sha256Hex(kPdf), newbie->token(), kPdf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.JsonBody()["code"], "password_change_required");
}

TEST_F(AttachmentsTest, UnauthorisedLargeUploadIsRefusedBeforeItsBody) {
  // With "Expect: 100-continue" the client waits: the refusal comes without reading a byte.
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, RequestHead("PUT", "/api/attachments/" + Sha256Hex(kJpeg),
                                      tokens_["viewer"], 200 * 1024, "Expect: 100-continue\r\n")));
  Reply r = ParseReply(ReadUntilClosed(fd));
  ::close(fd);
  EXPECT_EQ(r.status, 403);
  // An accepted one gets "100 Continue", then its answer.
  std::string body = kJpeg + std::string(200 * 1024, 'j');
  fd = Connect(port_);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, RequestHead("PUT", "/api/attachments/" + Sha256Hex(body), tokens_["tech"],
                                      body.size(), "Expect: 100-continue\r\n")));
  char buf[64] = {};
  ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<size_t>(n)), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(SendAll(fd, body));
  Reply done = ParseReply(ReadUntilClosed(fd));
  ::close(fd);
  EXPECT_EQ(done.status, 201) << done.body;
}

TEST_F(AttachmentsTest, DownloadReturnsTheBytesWithSafeHeaders) {
  ASSERT_EQ(Put(kWebp).status, 201);
  const std::string sha = Sha256Hex(kWebp);
  Reply r = Get(sha, "viewer");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kWebp);
  EXPECT_EQ(r.Header("content-type"), "image/webp");
  EXPECT_EQ(r.Header("content-disposition"), "attachment; filename=\"" + sha + ".webp\"");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("cache-control"), "private, max-age=31536000, immutable");
  EXPECT_EQ(r.Header("etag"), "\"" + sha + "\"");
  EXPECT_NE(r.Header("content-security-policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(r.Header("content-length"), std::to_string(kWebp.size()));
  Reply head = Get(sha, "viewer", "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("content-length"), std::to_string(kWebp.size()));
  EXPECT_EQ(head.Header("content-type"), "image/webp");
  Reply cached = Get(sha, "viewer", "GET", "If-None-Match: \"" + sha + "\"\r\n");
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(cached.body, "");
  Reply missing = Get(Sha256Hex("never uploaded"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.JsonBody()["code"], "not_found");
  EXPECT_EQ(Get(Sha256Hex("never uploaded"), "manager", "HEAD").status, 404);
}

TEST_F(AttachmentsTest, MalformedShaInThePathIs400) {
  const std::string sha = Sha256Hex(kPdf);
  std::string upper = sha;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& bad :
       {upper, sha.substr(1), sha + "0", std::string(63, '0') + "z",
        std::string("../../data/invento.db"), sha.substr(0, 2) + "/" + sha, ""s}) {
    Reply put = Http(port_, "PUT", "/api/attachments/" + bad, tokens_["manager"], kPdf);
    EXPECT_EQ(put.status, 400) << bad;
    EXPECT_EQ(put.JsonBody()["code"], "invalid_argument") << bad;
    EXPECT_EQ(Get(bad).status, 400) << bad;
  }
  Reply del = Http(port_, "DELETE", "/api/attachments/" + sha, tokens_["admin"]);
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(del.Header("allow"), "GET, HEAD, PUT");
  EXPECT_EQ(FilesUnder(Files()), 0);
}

TEST_F(AttachmentsTest, InterruptedUploadLeavesNothingAndARetrySucceeds) {
  const std::string body = kPdf + std::string(40 * 1024, 'p');
  const std::string sha = Sha256Hex(body);
  int fd = Connect(port_);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(
      SendAll(fd, RequestHead("PUT", "/api/attachments/" + sha, tokens_["tech"], body.size()) +
                      body.substr(0, body.size() / 2)));
  ::close(fd);  // the network drops half-way
  // The server notices the closed connection; nothing may be stored, not even a temp file.
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_EQ(FilesUnder(Files()), 0);
  }
  EXPECT_EQ(Get(sha, "tech", "HEAD").status, 404);
  Reply retry = Put(body, "tech");
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(Get(sha, "tech").body, body);
  EXPECT_EQ(FilesUnder(Files()), 1);
}

TEST_F(AttachmentsTest, MetadataIsAnOrdinaryReplicatedRow) {
  auto manager = Device();
  ASSERT_TRUE(manager->Login("manager", "manager-Pass-1"));
  const std::string item = testing::RandomId(rng_), attachment = testing::RandomId(rng_);
  ASSERT_TRUE(
      manager->Mutate("item.create", {{"id", item}, {"reference", "POMPE-1"}, {"label", "Pompe"}})
          .ok());
  // The device uploads the bytes (skipping it if HEAD says they are there), then pushes
  // the metadata like any other change.
  const std::string sha = Sha256Hex(kJpeg);
  ASSERT_EQ(Get(sha, "manager", "HEAD").status, 404);
  ASSERT_EQ(Put(kJpeg).status, 201);
  auto added = manager->Mutate("attachment.add", {{"id", attachment},
                                                  {"entity_type", "item"},
                                                  {"entity_id", item},
                                                  {"sha256", sha},
                                                  {"filename", "plaque.jpg"},
                                                  {"mime", "image/jpeg"},
                                                  {"size_bytes", kJpeg.size()}});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_TRUE(manager->Sync().ok());
  EXPECT_EQ(manager->Pending(), 0);
  EXPECT_NE(manager->last_push_body.find("\"accepted\""), std::string::npos)
      << manager->last_push_body;

  auto viewer = Device();
  ASSERT_TRUE(viewer->Login("viewer", "viewer-Pass-1"));
  ASSERT_TRUE(viewer->Pull().ok());
  auto listed = viewer->core().Query(
      "attachment.list", {{"entity_type", "item"}, {"entity_id", item}}, viewer->actor());
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed.value()["items"].size(), 1u);
  EXPECT_EQ(listed.value()["items"][0]["sha256"], sha);
  EXPECT_EQ(listed.value()["items"][0]["filename"], "plaque.jpg");
  auto version = viewer->core().db().QueryValue("SELECT version FROM attachments WHERE id = ?",
                                                {Json(attachment)});
  EXPECT_GT(version.value().get<std::int64_t>(), 0);  // stamped by the server like any row
  EXPECT_EQ(manager->Digest(), viewer->Digest());
  // The reader fetches the bytes the row names.
  Reply bytes = Http(port_, "GET", "/api/attachments/" + sha, viewer->token());
  EXPECT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, kJpeg);
}

}  // namespace
}  // namespace invento::server
