// util/secure_fs and util/private_dir: what another user can plant in a shared directory (a
// link, a file, a directory at a predictable name) never redirects a write, is never written
// through, and is never removed by the stale sweep. The cases that need a second user chown
// their plants to nobody and run only as root; the rest run everywhere.

#include "util/secure_fs.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "test_util.h"
#include "util/private_dir.h"

namespace ocilint {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr uid_t kNobody = 65534;

void ChownToNobody(const std::string& path) {
  ASSERT_EQ(lchown(path.c_str(), kNobody, kNobody), 0) << path;
}

std::string ModeOf(const std::string& path) {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return "absent";
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  return text;
}

std::string WriteReplacement(const std::string& path, const std::string& text) {
  Result<securefs::ReplacementFile> file = securefs::ReplacementFile::Open(path);
  if (!file) return file.error().message();
  file->stream() << text;
  Result<bool> done = file->Commit();
  return done ? "" : done.error().message();
}

TEST(SecureFsTest, ReplacementFileWritesAndReplacesAtomically) {
  testing::TempDir dir;
  std::string path = dir.path() + "/report.sarif";
  EXPECT_EQ(WriteReplacement(path, "first"), "");
  EXPECT_EQ(testing::ReadFile(path), "first");
  // A hard link to the old file keeps the old contents: the name is replaced, not written into.
  ASSERT_EQ(link(path.c_str(), (dir.path() + "/other").c_str()), 0);
  EXPECT_EQ(WriteReplacement(path, "second"), "");
  EXPECT_EQ(testing::ReadFile(path), "second");
  EXPECT_EQ(testing::ReadFile(dir.path() + "/other"), "first");
  // No temporary file is left behind, after success or after an abandoned write.
  {
    Result<securefs::ReplacementFile> abandoned = securefs::ReplacementFile::Open(path);
    ASSERT_TRUE(abandoned);
    abandoned->stream() << "never committed";
  }
  EXPECT_EQ(testing::ReadFile(path), "second");
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) entries += e.exists() ? 1 : 0;
  EXPECT_EQ(entries, 2u);
}

TEST(SecureFsTest, ReplacementFileFollowsOwnLinksAndWritesDevices) {
  testing::TempDir dir;
  fs::create_directory(dir.path() + "/artifacts");
  fs::create_symlink("artifacts/out.json", dir.path() + "/out.json");
  EXPECT_EQ(WriteReplacement(dir.path() + "/out.json", "{}"), "");
  EXPECT_EQ(testing::ReadFile(dir.path() + "/artifacts/out.json"), "{}");
  EXPECT_TRUE(fs::is_symlink(dir.path() + "/out.json"));
  EXPECT_EQ(WriteReplacement("/dev/null", "discarded"), "");
  EXPECT_THAT(WriteReplacement(dir.path() + "/artifacts", "x"), HasSubstr("is a directory"));
  EXPECT_THAT(WriteReplacement(dir.path() + "/missing/out.json", "x"), HasSubstr("missing"));
}

TEST(SecureFsTest, AnotherUsersLinkIsNeverFollowed) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to plant a link owned by another user";
  testing::TempDir dir;
  std::string victim = dir.Write("victim/passwd", "root:x:0:0\n");
  fs::create_symlink(victim, dir.path() + "/report.md");
  ChownToNobody(dir.path() + "/report.md");
  EXPECT_THAT(WriteReplacement(dir.path() + "/report.md", "pwned"),
              HasSubstr("symbolic link owned by uid 65534"));
  EXPECT_EQ(testing::ReadFile(victim), "root:x:0:0\n");

  fs::create_directory_symlink(dir.path() + "/victim", dir.path() + "/reports");
  ChownToNobody(dir.path() + "/reports");
  Result<UniqueFd> opened = securefs::OpenDirectory(dir.path() + "/reports/sub", true);
  ASSERT_FALSE(opened);
  EXPECT_THAT(opened.error().message(), HasSubstr("does not follow another user's links"));
  EXPECT_FALSE(fs::exists(dir.path() + "/victim/sub"));

  // Another user's regular file is replaced, never written into.
  std::string planted = dir.Write("planted", "theirs");
  ChownToNobody(planted);
  ASSERT_EQ(link(victim.c_str(), (dir.path() + "/hardlink").c_str()), 0);
  EXPECT_EQ(WriteReplacement(dir.path() + "/hardlink", "ours"), "");
  EXPECT_EQ(testing::ReadFile(victim), "root:x:0:0\n");
  EXPECT_EQ(WriteReplacement(planted, "ours"), "");
  struct stat st;
  ASSERT_EQ(stat(planted.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, geteuid());
}

TEST(SecureFsTest, OpenDirectoryCreatesMissingComponents) {
  testing::TempDir dir;
  Result<UniqueFd> opened = securefs::OpenDirectory(dir.path() + "/a/b/../c", true, 0750);
  ASSERT_TRUE(opened) << opened.error().message();
  EXPECT_TRUE(fs::is_directory(dir.path() + "/a/c"));
  EXPECT_TRUE(fs::is_directory(dir.path() + "/a/b"));
  Result<UniqueFd> missing = securefs::OpenDirectory(dir.path() + "/nope", false);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().errno_value, ENOENT);
  dir.Write("file", "");
  EXPECT_EQ(securefs::OpenDirectory(dir.path() + "/file/x", true).error().errno_value, ENOTDIR);
}

TEST(SecureFsTest, CreateFileAtNeverReusesAPath) {
  testing::TempDir dir;
  UniqueFd fd(open(dir.path().c_str(), O_PATH | O_DIRECTORY));
  ASSERT_TRUE(securefs::CreateFileAt(fd.get(), "config.json", "{}", 0600));
  EXPECT_EQ(ModeOf(dir.path() + "/config.json"), "0600");
  EXPECT_EQ(securefs::CreateFileAt(fd.get(), "config.json", "{}", 0600).error().errno_value,
            EEXIST);
  fs::create_symlink("/etc/passwd", dir.path() + "/link");
  EXPECT_EQ(securefs::CreateFileAt(fd.get(), "link", "x", 0600).error().errno_value, EEXIST);
}

TEST(SecureFsTest, TrustedExecutableRefusesWhatOthersCanChange) {
  testing::TempDir dir;
  std::string helper = dir.Write("helper", "#!/bin/true\n");
  fs::permissions(helper, fs::perms(0755));
  EXPECT_TRUE(securefs::OpenTrustedExecutable(helper));
  fs::permissions(helper, fs::perms(0777));
  EXPECT_THAT(securefs::OpenTrustedExecutable(helper).error().message(),
              HasSubstr("writable by others (mode 0777)"));
  EXPECT_THAT(securefs::OpenTrustedExecutable(dir.path()).error().message(),
              HasSubstr("not a regular file"));
  if (geteuid() == 0) {
    fs::permissions(helper, fs::perms(0755));
    ChownToNobody(helper);
    EXPECT_THAT(securefs::OpenTrustedExecutable(helper).error().message(),
                HasSubstr("belongs to uid 65534"));
  }
}

TEST(SecureFsTest, RemoveTreeNeverFollowsLinksOrEntersMounts) {
  testing::TempDir dir;
  std::string outside = dir.Write("outside/keep", "precious");
  dir.Write("tree/a/b/c", "x");
  fs::create_directory_symlink(dir.path() + "/outside", dir.path() + "/tree/a/link");
  UniqueFd fd(open(dir.path().c_str(), O_PATH | O_DIRECTORY));
  if (geteuid() == 0) {
    fs::create_directory(dir.path() + "/tree/mnt");
    ASSERT_EQ(mount("tmpfs", (dir.path() + "/tree/mnt").c_str(), "tmpfs", 0, "size=1m"), 0);
    testing::WriteFile(dir.path() + "/tree/mnt/inside", "on another filesystem");
    Result<bool> removed = securefs::RemoveTreeAt(fd.get(), "tree");
    ASSERT_FALSE(removed);
    EXPECT_THAT(removed.error().message(), HasSubstr("mount point; left in place"));
    EXPECT_TRUE(fs::exists(dir.path() + "/tree/mnt/inside"));
    EXPECT_FALSE(fs::exists(dir.path() + "/tree/a"));
    ASSERT_EQ(umount2((dir.path() + "/tree/mnt").c_str(), MNT_DETACH), 0);
  }
  EXPECT_TRUE(securefs::RemoveTreeAt(fd.get(), "tree"));
  EXPECT_FALSE(fs::exists(dir.path() + "/tree"));
  EXPECT_EQ(testing::ReadFile(outside), "precious");
  EXPECT_TRUE(securefs::RemoveTreeAt(fd.get(), "tree"));  // already gone: fine
}

TEST(PrivateDirTest, FreshPrivateAndRemoved) {
  testing::TempDir root;
  testing::ScopedEnv tmpdir("TMPDIR", root.path().c_str());
  std::string path;
  {
    Result<PrivateDir> dir = PrivateDir::Create("test");
    ASSERT_TRUE(dir) << dir.error().message();
    path = dir->path();
    EXPECT_EQ(ModeOf(path), "0700");
    EXPECT_THAT(path, HasSubstr(root.path() + "/oci-lint-test-" + std::to_string(getpid()) + "-"));
    EXPECT_THAT(testing::ReadFile(path + "/.oci-lint-owner"),
                HasSubstr("pid " + std::to_string(getpid())));
    Result<PrivateDir> second = PrivateDir::Create("test");
    ASSERT_TRUE(second);
    EXPECT_NE(second->path(), path);
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(PrivateDirTest, RefusesATemporaryRootOthersCanChange) {
  testing::TempDir root;
  fs::permissions(root.path(), fs::perms(0777));
  {
    testing::ScopedEnv tmpdir("TMPDIR", root.path().c_str());
    Result<PrivateDir> dir = PrivateDir::Create("test");
    ASSERT_FALSE(dir);
    EXPECT_THAT(dir.error().message(), HasSubstr("writable by others (mode 0777) and not sticky"));
    fs::permissions(root.path(), fs::perms(01777));
    EXPECT_TRUE(PrivateDir::Create("test"));  // sticky, as /tmp: fine
  }
  if (geteuid() == 0) {
    fs::permissions(root.path(), fs::perms(0755));
    ChownToNobody(root.path());
    testing::ScopedEnv tmpdir("TMPDIR", root.path().c_str());
    EXPECT_THAT(PrivateDir::Create("test").error().message(), HasSubstr("belongs to uid 65534"));
  }
}

/// A child that makes a PrivateDir, reports its path, and waits to be killed.
pid_t ChildWithPrivateDir(std::string* path) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    Result<PrivateDir> dir = PrivateDir::Create("test");
    std::string text = dir ? dir->path() : "";
    if (write(pipe_fds[1], text.data(), text.size()) < 0) _exit(1);
    close(pipe_fds[1]);
    pause();
    _exit(0);
  }
  close(pipe_fds[1]);
  char buffer[4096];
  ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
  close(pipe_fds[0]);
  *path = std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0);
  return pid;
}

TEST(PrivateDirTest, SweepRemovesOnlyLeftoversOfDeadRuns) {
  testing::TempDir root;
  testing::ScopedEnv tmpdir("TMPDIR", root.path().c_str());
  std::string live, dead;
  pid_t live_pid = ChildWithPrivateDir(&live);
  pid_t dead_pid = ChildWithPrivateDir(&dead);
  ASSERT_FALSE(live.empty());
  ASSERT_FALSE(dead.empty());
  kill(dead_pid, SIGKILL);
  waitpid(dead_pid, nullptr, 0);
  // Look-alikes that are not leftovers of this user's runs.
  std::string dead_name = fs::path(dead).filename().string();
  std::string stem = "oci-lint-test-" + std::to_string(dead_pid);
  fs::create_directory_symlink(dead, root.path() + "/" + stem + "-link");
  fs::create_directory(root.path() + "/" + stem + "-nomarker");
  fs::create_directory(root.path() + "/" + stem + "-forged");
  testing::WriteFile(root.path() + "/" + stem + "-forged/.oci-lint-owner", "oci-lint test\n");

  std::vector<SweptDir> swept = SweepStale("test");
  ASSERT_EQ(swept.size(), 1u);
  EXPECT_EQ(swept[0].path, dead);
  EXPECT_EQ(swept[0].pid, dead_pid);
  EXPECT_EQ(swept[0].problem, "");
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::is_symlink(root.path() + "/" + stem + "-link"));
  EXPECT_TRUE(fs::exists(root.path() + "/" + stem + "-nomarker"));
  EXPECT_TRUE(fs::exists(root.path() + "/" + stem + "-forged"));

  kill(live_pid, SIGKILL);
  waitpid(live_pid, nullptr, 0);
  ASSERT_EQ(SweepStale("test").size(), 1u);
  EXPECT_FALSE(fs::exists(live));
}

TEST(PrivateDirTest, SweepLeavesKeptAndOtherUsersDirectories) {
  testing::TempDir root;
  testing::ScopedEnv tmpdir("TMPDIR", root.path().c_str());
  std::string kept;
  pid_t pid = fork();
  if (pid == 0) {
    Result<PrivateDir> dir = PrivateDir::Create("test");
    if (!dir) _exit(1);
    dir->Keep();
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(SweepStale("test").empty());
  size_t left = 0;
  for (const auto& e : fs::directory_iterator(root.path())) left += e.is_directory() ? 1 : 0;
  EXPECT_EQ(left, 1u);
  if (geteuid() == 0) {
    for (const auto& e : fs::directory_iterator(root.path())) {
      fs::remove(e.path() / ".oci-lint-kept");
      ChownToNobody(e.path().string());
    }
    EXPECT_TRUE(SweepStale("test").empty());
  }
}

}  // namespace
}  // namespace ocilint
