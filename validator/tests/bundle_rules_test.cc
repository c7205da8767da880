// The bundle rules (lint --bundle DIR), on bundles built here: each rule fires on a bundle with
// its problem and stays silent on a close variant without it; paths resolve inside the rootfs
// and never outside it; without --bundle none of them runs.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "test_util.h"

namespace ocilint {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

/// A bundle: DIR/config.json from `process` and `extra` members, DIR/rootfs with bin/sh.
class Bundle {
 public:
  explicit Bundle(const std::string& process = R"({"args": ["sh"], "cwd": "/",
      "env": ["PATH=/usr/bin:/bin"], "user": {"uid": 0, "gid": 0}})",
                  const std::string& extra = "") {
    Config(process, extra);
    fs::create_directories(rootfs() + "/bin");
    Executable("bin/sh");
  }
  void Config(const std::string& process, const std::string& extra = "") {
    dir_.Write("config.json", R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"},
      "process": )" + process + extra +
                                  "}");
  }
  std::string rootfs() const { return dir_.path() + "/rootfs"; }
  void Executable(const std::string& relative, fs::perms mode = fs::perms(0755)) {
    std::string path = dir_.Write("rootfs/" + relative, "#!/bin/sh\n");
    fs::permissions(path, mode);
  }
  const std::string& path() const { return dir_.path(); }

  /// rule -> messages of the bundle rules' findings (bundle-*, hook-path-not-in-rootfs).
  std::multimap<std::string, std::string> Lint() const {
    testing::CliResult r = testing::RunInProcess({"lint", "--format", "json", "--kernel", "none",
                                                  "--environment", "none", "--bundle", path()});
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    std::multimap<std::string, std::string> found;
    if (doc.HasParseError()) {
      ADD_FAILURE() << r.err;
      return found;
    }
    for (const auto& d : doc["files"][0]["diagnostics"].GetArray()) {
      std::string rule = d["rule"].GetString();
      if (rule.rfind("bundle-", 0) == 0 || rule == "hook-path-not-in-rootfs")
        found.emplace(rule, d["message"].GetString());
    }
    return found;
  }

 private:
  testing::TempDir dir_;
};

std::string Only(const std::multimap<std::string, std::string>& found, const std::string& rule) {
  EXPECT_EQ(found.size(), 1u) << "expected only " << rule;
  EXPECT_EQ(found.count(rule), 1u) << rule;
  return found.count(rule) ? found.find(rule)->second : "";
}

TEST(BundleRulesTest, AWellFormedBundleIsSilent) {
  Bundle bundle;
  EXPECT_TRUE(bundle.Lint().empty());
}

TEST(BundleRulesTest, RootFilesystem) {
  Bundle missing;
  fs::remove_all(missing.rootfs());
  EXPECT_THAT(Only(missing.Lint(), "bundle-root-missing"), HasSubstr("does not exist"));

  Bundle file;
  fs::remove_all(file.rootfs());
  testing::WriteFile(file.rootfs(), "a tar archive");
  EXPECT_THAT(Only(file.Lint(), "bundle-root-not-directory"), HasSubstr("not a directory"));

  Bundle linked;
  testing::TempDir elsewhere;
  fs::rename(linked.rootfs(), elsewhere.path() + "/rootfs");
  fs::create_directory_symlink(elsewhere.path() + "/rootfs", linked.rootfs());
  EXPECT_THAT(Only(linked.Lint(), "bundle-root-symlink"), HasSubstr("symbolic link"));
}

TEST(BundleRulesTest, TheProgramIsLookedUpLikeExecvpInsideTheRootfs) {
  Bundle bash(R"({"args": ["bash"], "cwd": "/", "env": ["PATH=/usr/bin:/bin"]})");
  EXPECT_THAT(Only(bash.Lint(), "bundle-args-not-found"),
              HasSubstr("\"bash\" is not found in the PATH of process.env (/usr/bin:/bin)"));

  Bundle not_executable(R"({"args": ["/bin/tool"], "cwd": "/"})");
  not_executable.Executable("bin/tool", fs::perms(0644));
  EXPECT_THAT(Only(not_executable.Lint(), "bundle-args-not-found"),
              HasSubstr("/bin/tool has no execute permission"));

  // Without PATH in process.env, the default search path; a relative name from cwd.
  Bundle no_path(R"({"args": ["sh"], "cwd": "/"})");
  EXPECT_TRUE(no_path.Lint().empty());
  Bundle relative(R"({"args": ["./run"], "cwd": "/app"})");
  relative.Executable("app/run");
  EXPECT_TRUE(relative.Lint().empty());

  // An absolute link is followed inside the rootfs: /usr/bin -> /bin finds rootfs/bin/sh.
  Bundle usr(R"({"args": ["sh"], "cwd": "/", "env": ["PATH=/usr/bin"]})");
  fs::create_directories(usr.rootfs() + "/usr");
  fs::create_directory_symlink("/bin", usr.rootfs() + "/usr/bin");
  EXPECT_TRUE(usr.Lint().empty());
}

TEST(BundleRulesTest, LinksNeverLeaveTheRootfs) {
  // The host has /bin/sh; links that would reach it from inside the rootfs must not.
  ASSERT_TRUE(fs::exists("/bin/sh"));
  Bundle absolute(R"({"args": ["/bin/tool"], "cwd": "/"})");
  fs::create_symlink("/bin/sh", absolute.rootfs() + "/bin/tool");
  fs::remove(absolute.rootfs() + "/bin/sh");
  EXPECT_THAT(Only(absolute.Lint(), "bundle-args-not-found"), HasSubstr("/bin/tool"));

  Bundle dotdot(R"({"args": ["/bin/tool"], "cwd": "/"})");
  fs::create_symlink("../../../../../../../../bin/sh", dotdot.rootfs() + "/bin/tool");
  fs::remove(dotdot.rootfs() + "/bin/sh");
  EXPECT_EQ(dotdot.Lint().count("bundle-args-not-found"), 1u);

  Bundle loop(R"({"args": ["/bin/tool"], "cwd": "/"})");
  fs::create_symlink("/bin/tool", loop.rootfs() + "/bin/tool");
  EXPECT_EQ(loop.Lint().count("bundle-args-not-found"), 1u);
}

TEST(BundleRulesTest, AMountMayProvideTheProgram) {
  Bundle mounted(R"({"args": ["/opt/tool/run"], "cwd": "/"})",
                 R"(, "mounts": [{"destination": "/opt/tool", "source": "/srv/tool",
                      "type": "bind", "options": ["rbind"]}])");
  EXPECT_TRUE(mounted.Lint().empty());
}

TEST(BundleRulesTest, WorkingDirectory) {
  Bundle file(R"({"args": ["sh"], "cwd": "/etc/hostname"})");
  fs::create_directories(file.rootfs() + "/etc");
  testing::WriteFile(file.rootfs() + "/etc/hostname", "box\n");
  EXPECT_THAT(Only(file.Lint(), "bundle-cwd-not-directory"), HasSubstr("\"/etc/hostname\""));
  Bundle missing(R"({"args": ["sh"], "cwd": "/srv"})");
  EXPECT_TRUE(missing.Lint().empty()) << "a runtime creates a missing cwd";
}

TEST(BundleRulesTest, StartContainerHooksResolveInsideTheRootfs) {
  const std::string process = R"({"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0}})";
  auto hooks = [](const std::string& path) {
    return R"(, "hooks": {"startContainer": [{"path": ")" + path + R"("}]})";
  };
  Bundle missing(process, hooks("/usr/bin/setup"));
  EXPECT_THAT(Only(missing.Lint(), "hook-path-not-in-rootfs"),
              HasSubstr("\"/usr/bin/setup\" does not exist in the rootfs"));
  Bundle present(process, hooks("/bin/sh"));
  EXPECT_TRUE(present.Lint().empty());
  Bundle not_executable(process, hooks("/bin/setup"));
  not_executable.Executable("bin/setup", fs::perms(0644));
  EXPECT_THAT(Only(not_executable.Lint(), "hook-path-not-in-rootfs"),
              HasSubstr("no execute permission"));
  Bundle mounted(process, hooks("/opt/hooks/setup") +
                              R"(, "mounts": [{"destination": "/opt/hooks", "source": "/srv/hooks",
                                 "type": "bind", "options": ["rbind"]}])");
  EXPECT_TRUE(mounted.Lint().empty()) << "a mount may provide the hook";
  Bundle other_lists(process, R"(, "hooks": {"createRuntime": [{"path": "/usr/bin/setup"}]})");
  EXPECT_TRUE(other_lists.Lint().empty()) << "createRuntime hooks run on the host";
}

TEST(BundleRulesTest, StartContainerHookLinksStayInsideTheRootfs) {
  Bundle bundle(R"({"args": ["sh"], "cwd": "/", "user": {"uid": 0, "gid": 0}})",
                R"(, "hooks": {"startContainer": [{"path": "/hook"}]})");
  testing::TempDir outside;
  std::string host_program = outside.Write("hook", "#!/bin/sh\n");
  fs::permissions(host_program, fs::perms(0755));
  fs::create_symlink(host_program, bundle.rootfs() + "/hook");
  EXPECT_THAT(Only(bundle.Lint(), "hook-path-not-in-rootfs"), HasSubstr("does not exist"))
      << "an absolute link is resolved inside the rootfs, not on the host";
  fs::remove(bundle.rootfs() + "/hook");
  fs::create_symlink("/bin/sh", bundle.rootfs() + "/hook");
  EXPECT_TRUE(bundle.Lint().empty());
}

TEST(BundleRulesTest, OnlyInBundleMode) {
  Bundle bundle(R"({"args": ["bash"], "cwd": "/"})");
  fs::remove_all(bundle.rootfs());
  testing::CliResult plain = testing::RunInProcess(
      {"lint", "--kernel", "none", "--environment", "none", bundle.path() + "/config.json"});
  EXPECT_THAT(plain.out, ::testing::Not(HasSubstr("bundle-")));
  testing::CliResult none = testing::RunInProcess({"lint", "--bundle", bundle.path() + "/nope"});
  EXPECT_EQ(none.exit_code, 3);
  testing::TempDir empty;
  testing::CliResult no_config = testing::RunInProcess({"lint", "--bundle", empty.path()});
  EXPECT_EQ(no_config.exit_code, 3);
  EXPECT_THAT(no_config.out + no_config.err, HasSubstr("config.json"));
  EXPECT_EQ(testing::RunInProcess({"lint"}).exit_code, 2);
}

}  // namespace
}  // namespace ocilint
