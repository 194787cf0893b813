// The attachment store on its own (sniffing, atomic writes, dedup) and its configuration.
#include "sync-server/attachment_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "sync-server/config.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

int FilesUnder(const std::string& dir) {
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

TEST(AttachmentSniffTest, RecognisesTheAllowedTypesByTheirFirstBytes) {
  using std::string_literals::operator""s;
  EXPECT_EQ(SniffAttachmentMime("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(SniffAttachmentMime("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s), "image/png");
  EXPECT_EQ(SniffAttachmentMime("RIFF\x10\0\0\0WEBP"s), "image/webp");
  EXPECT_EQ(SniffAttachmentMime("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(SniffAttachmentMime(""), std::nullopt);
  EXPECT_EQ(SniffAttachmentMime("\xFF\xD8"), std::nullopt);             // cut short
  EXPECT_EQ(SniffAttachmentMime("\x89PNG\r\n"), std::nullopt);          // cut short
  EXPECT_EQ(SniffAttachmentMime("RIFF\x10\0\0\0WAVE"s), std::nullopt);  // audio, not WebP
  EXPECT_EQ(SniffAttachmentMime("RIFF\x10\0\0\0WEB"s), std::nullopt);
  EXPECT_EQ(SniffAttachmentMime("MZ\x90\0\x03\0\0\0"s), std::nullopt);  // Windows executable
  EXPECT_EQ(SniffAttachmentMime("\x7F"
                                "ELF\x02\x01\x01"),
            std::nullopt);  // Linux executable
  EXPECT_EQ(SniffAttachmentMime("<svg xmlns='http://www.w3.org/2000/svg'/>"), std::nullopt);
  EXPECT_EQ(SniffAttachmentMime("hello %PDF-"), std::nullopt);  // the magic must come first
}

TEST(AttachmentSniffTest, Sha256PathsAreStrict) {
  EXPECT_TRUE(IsSha256Hex(std::string(64, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(65, 'a')));
  EXPECT_FALSE(IsSha256Hex(std::string(62, 'a') + "/."));
  EXPECT_FALSE(IsSha256Hex(std::string(63, 'a') + "g"));
}

TEST(AttachmentStoreTest, PutIsAtomicDeduplicatedAndReadable) {
  testing::TempDir dir;
  auto store = AttachmentStore::Open(dir.Path("files"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const std::string bytes = "%PDF-1.4\n%%EOF\n";
  const std::string sha = Sha256Hex(bytes);
  EXPECT_FALSE(store->Exists(sha));
  EXPECT_EQ(store->Read(sha).status().code(), Code::kNotFound);
  auto first = store->Put(sha, bytes);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(store->PathOf(sha), dir.Path("files/" + sha.substr(0, 2) + "/" + sha));
  struct stat before {};
  ASSERT_EQ(::stat(store->PathOf(sha).c_str(), &before), 0);
  auto second = store->Put(sha, bytes);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  struct stat after {};
  ASSERT_EQ(::stat(store->PathOf(sha).c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);       // not rewritten
  EXPECT_EQ(FilesUnder(dir.Path("files")), 1);  // no temporary file left behind
  EXPECT_EQ(store->Read(sha).value(), bytes);
  EXPECT_EQ(store->Read(sha, 4).value(), "%PDF");
  EXPECT_EQ(store->Size(sha).value(), bytes.size());
  EXPECT_EQ(store->Put("../../etc/passwd", bytes).status().code(), Code::kInvalidArgument);
}

TEST(AttachmentStoreTest, OpenRemovesOldTemporaryFilesOnly) {
  testing::TempDir dir;
  fs::create_directories(dir.Path("files/ab"));
  const std::string old_temp = "files/ab/" + std::string(64, 'a') + ".tmp-0011";
  const std::string new_temp = "files/ab/" + std::string(64, 'b') + ".tmp-2233";
  dir.Write(old_temp, "half");
  dir.Write(new_temp, "in progress");
  fs::last_write_time(dir.Path(old_temp), fs::file_time_type::clock::now() - std::chrono::hours(2));
  ASSERT_TRUE(AttachmentStore::Open(dir.Path("files")).ok());
  EXPECT_FALSE(fs::exists(dir.Path(old_temp)));
  EXPECT_TRUE(fs::exists(dir.Path(new_temp)));  // maybe another upload still writing it
}

TEST(AttachmentStoreTest, UnusableFolderIsAnIoError) {
  testing::TempDir dir;
  dir.Write("a-file", "x");
  auto store = AttachmentStore::Open(dir.Path("a-file/files"));
  EXPECT_EQ(store.status().code(), Code::kIoError);
  EXPECT_NE(store.status().message().find("attachments folder"), std::string::npos);
}

TEST(AttachmentConfigTest, DefaultsAndValidation) {
  auto c = ConfigFromVariables({{"DATABASE_URL", "/srv/invento/main.db"}});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(AttachmentsDir(c.value()), "/srv/invento/attachments");
  EXPECT_EQ(c->attachment_max_bytes, 25u * 1024 * 1024);
  EXPECT_EQ(AttachmentsDir(ConfigFromVariables({}).value()), "data/attachments");
  auto set = ConfigFromVariables(
      {{"ATTACHMENTS_DIR", "/var/lib/files"}, {"ATTACHMENT_MAX_BYTES", "1048576"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(AttachmentsDir(set.value()), "/var/lib/files");
  EXPECT_EQ(set->attachment_max_bytes, 1048576u);
  for (const char* bad : {"0", "-5", "25MB", "2147483648", "1e6"}) {
    auto r = ConfigFromVariables({{"ATTACHMENT_MAX_BYTES", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("ATTACHMENT_MAX_BYTES must be a number between 1 and"),
              std::string::npos)
        << r.status().message();
  }
  EXPECT_FALSE(ConfigFromVariables({{"ATTACHMENTS_DIR", "   "}}).ok());
}

TEST(AttachmentConfigTest, AppRefusesAnAttachmentsFolderInsideTheWebRoot) {
  testing::TempDir dir;
  Config c = testing::TestConfig(dir);
  c.attachments_dir = dir.Path("web/uploads");
  auto app = App::Create(c);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), Code::kInvalidArgument);
  EXPECT_NE(app.status().message().find("inside WEB_ROOT"), std::string::npos);
  c.attachments_dir = "";  // default: next to the database
  ASSERT_TRUE(App::Create(c).ok());
  EXPECT_TRUE(fs::is_directory(dir.Path("data/attachments")));
}

}  // namespace
}  // namespace invento::server
