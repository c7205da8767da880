// The capability table, kernel versions, /proc status files, features documents and target
// resolution (with a fake host).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "caps/features.h"
#include "caps/kernel_version.h"
#include "caps/proc_limits.h"
#include "caps/proc_status.h"
#include "caps/table.h"
#include "lint/target.h"
#include "test_util.h"

namespace ocilint {
namespace {

using ::testing::HasSubstr;

TEST(CapsTableTest, NumbersNamesAndKernelsFollowTheUapiHeader) {
  auto all = caps::AllCapabilities();
  ASSERT_EQ(all.size(), 41u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].number, static_cast<int>(i));
  EXPECT_EQ(caps::FindByName("CAP_SYS_ADMIN")->number, 21);
  EXPECT_EQ(caps::FindByName("CAP_BPF")->since, (caps::KernelVersion{5, 8, 0}));
  // capabilities(7): 5.9, although runtime-spec PR #1094 says 5.8.
  EXPECT_EQ(caps::FindByName("CAP_CHECKPOINT_RESTORE")->since, (caps::KernelVersion{5, 9, 0}));
  EXPECT_EQ(caps::FindByName("CAP_AUDIT_WRITE")->since, (caps::KernelVersion{2, 6, 11}));
  EXPECT_EQ(caps::FindByName("cap_chown"), nullptr) << "lookup is exact";
  EXPECT_EQ(caps::FindByNumber(41), nullptr);
}

TEST(CapsTableTest, NormalizeTrimsUpcasesAndCollapsesPrefixes) {
  EXPECT_EQ(caps::Normalize("cap_net_raw"), "CAP_NET_RAW");
  EXPECT_EQ(caps::Normalize("NET_ADMIN"), "CAP_NET_ADMIN");
  EXPECT_EQ(caps::Normalize("CAP_CAP_SYS_ADMIN"), "CAP_SYS_ADMIN");
  EXPECT_EQ(caps::Normalize(" CAP_KILL\t\n"), "CAP_KILL");
  EXPECT_EQ(caps::Normalize("cap_cap_cap_kill"), "CAP_KILL");
  EXPECT_EQ(caps::Normalize(""), "CAP_");
  EXPECT_EQ(caps::Normalize("CAPKILL"), "CAP_CAPKILL");
}

TEST(CapsTableTest, SuggestsCloseNamesOnly) {
  EXPECT_EQ(caps::Suggest("CAP_SYS_ADMN"), "CAP_SYS_ADMIN");
  EXPECT_EQ(caps::Suggest("CAP_NET_RAWW"), "CAP_NET_RAW");
  EXPECT_EQ(caps::Suggest("CAP_CHWON"), "CAP_CHOWN");
  EXPECT_EQ(caps::Suggest("CAP_FOO_BAR_BAZ"), std::nullopt);
  EXPECT_EQ(caps::Suggest("hello world"), std::nullopt);
}

TEST(KernelVersionTest, ParsesReleasesWithDistroSuffixes) {
  EXPECT_EQ(caps::KernelVersion::Parse("5.4"), (caps::KernelVersion{5, 4, 0}));
  EXPECT_EQ(caps::KernelVersion::Parse("2.6.32"), (caps::KernelVersion{2, 6, 32}));
  EXPECT_EQ(caps::KernelVersion::Parse("5.15.0-91-generic"), (caps::KernelVersion{5, 15, 0}));
  EXPECT_EQ(caps::KernelVersion::Parse("6.1.0-13-amd64"), (caps::KernelVersion{6, 1, 0}));
  EXPECT_EQ(caps::KernelVersion::Parse("4.18.0-513.el8.x86_64"), (caps::KernelVersion{4, 18, 0}));
  EXPECT_EQ(caps::KernelVersion::Parse("6"), (caps::KernelVersion{6, 0, 0}));
  EXPECT_EQ(caps::KernelVersion::Parse("1.0.2-dev"), (caps::KernelVersion{1, 0, 2}));
  EXPECT_EQ(caps::KernelVersion::Parse("v5.4"), std::nullopt);
  EXPECT_EQ(caps::KernelVersion::Parse(""), std::nullopt);
  EXPECT_EQ(caps::KernelVersion::Parse("host"), std::nullopt);
  EXPECT_EQ(caps::KernelVersion::Parse("99999999999999999999"), std::nullopt);
  EXPECT_LT(*caps::KernelVersion::Parse("5.8"), *caps::KernelVersion::Parse("5.9"));
  EXPECT_LT(*caps::KernelVersion::Parse("2.6.37"), *caps::KernelVersion::Parse("3.0"));
  EXPECT_EQ(*caps::KernelVersion::Parse("3.0"), *caps::KernelVersion::Parse("3.0.0"));
  EXPECT_EQ(caps::KernelVersion::Parse("2.6.11")->ToString(), "2.6.11");
  EXPECT_EQ(caps::KernelVersion::Parse("5.8.0")->ToString(), "5.8");
}

constexpr const char* kStatus =
    "Name:\tcat\nUmask:\t0022\nState:\tR (running)\nCapInh:\t0000000000000000\n"
    "CapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t00000000a80425fb\n"
    "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\n";

TEST(ProcStatusTest, ReadsTheFiveSets) {
  auto sets = caps::ParseProcStatus(kStatus, "status");
  ASSERT_TRUE(sets.ok()) << sets.error().message();
  EXPECT_EQ(*sets.value().bounding, 0xa80425fbULL);  // Docker's 14 default capabilities
  EXPECT_EQ(*sets.value().permitted, 0x1ffffffffffULL);
  EXPECT_EQ(*sets.value().inheritable, 0u);
  EXPECT_TRUE(caps::Contains(*sets.value().bounding, 0));    // CAP_CHOWN
  EXPECT_FALSE(caps::Contains(*sets.value().bounding, 21));  // CAP_SYS_ADMIN
}

TEST(ProcStatusTest, MissingBoundingLineOrBadHexIsAClearError) {
  auto missing = caps::ParseProcStatus("Name:\tx\nCapEff:\t0\n", "env.status");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().errno_value, EINVAL);
  EXPECT_THAT(missing.error().context, HasSubstr("env.status: no CapBnd line"));
  auto bad = caps::ParseProcStatus("CapBnd:\t00000zz0a80425fb\n", "env.status");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().context, HasSubstr("env.status:1:"));
  EXPECT_THAT(bad.error().context, HasSubstr("is not a capability mask"));
  EXPECT_FALSE(caps::ParseProcStatus("CapBnd:\t\n", "s").ok()) << "empty mask";
  EXPECT_FALSE(caps::ParseProcStatus("CapBnd:\t00000000000000000\n", "s").ok()) << "17 digits";
  EXPECT_TRUE(caps::ParseProcStatus("CapBnd:\tffffffffffffffff\r\n", "s").ok());
  auto twice = caps::ParseProcStatus("CapBnd:\t1\nCapBnd:\t3\n", "s");
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.error().context, HasSubstr("s:2: a second CapBnd line"));
}

constexpr const char* kLimits =
    "Limit                     Soft Limit           Hard Limit           Units     \n"
    "Max cpu time              unlimited            unlimited            seconds   \n"
    "Max processes             96549                96549                processes \n"
    "Max open files            1024                 20000                files     \n"
    "Max file locks            unlimited            unlimited            locks     \n"
    "Max nice priority         0                    0                    \n"
    "Max realtime timeout      unlimited            unlimited            us        \n";

TEST(ProcLimitsTest, ReadsSoftAndHardLimits) {
  auto parsed = caps::ParseProcLimits(kLimits, "limits");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const caps::ProcessLimits& l = parsed.value();
  ASSERT_TRUE(l.limits[7]);
  EXPECT_EQ(l.limits[7]->soft, 1024u);
  EXPECT_EQ(l.limits[7]->hard, 20000u);
  ASSERT_TRUE(l.limits[0]);
  EXPECT_FALSE(l.limits[0]->hard) << "unlimited";
  EXPECT_EQ(l.limits[13]->hard, 0u);
  EXPECT_TRUE(l.limits[10]) << "RLIMIT_LOCKS";
  EXPECT_FALSE(l.limits[1]) << "not in the capture";
  EXPECT_EQ(caps::FindRlimit("RLIMIT_LOCKS")->number, 10);
  EXPECT_EQ(caps::AllRlimitTypes().size(), 16u);
}

TEST(ProcLimitsTest, FollowsAStatusCaptureAndRejectsBadRows) {
  std::string both = std::string(kStatus) + kLimits;
  EXPECT_TRUE(caps::LooksLikeProcLimits(both));
  EXPECT_FALSE(caps::LooksLikeProcLimits(kStatus));
  EXPECT_TRUE(caps::ParseProcLimits(both, "both").ok());
  auto bad = caps::ParseProcLimits(std::string(kLimits) + "Max open files  lots  20000  files\n",
                                   "env.limits");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message(), HasSubstr("env.limits, line 8"));
  EXPECT_THAT(bad.error().message(), HasSubstr("\"Max open files  lots  20000  files\""));
  EXPECT_FALSE(caps::ParseProcLimits(kStatus, "status").ok()) << "no table";
}

TEST(FeaturesTest, ReadsNameVersionAndCapabilities) {
  auto f = caps::ParseFeatures(
      R"({"ociVersionMin":"1.0.0","linux":{"capabilities":["CAP_CHOWN","CAP_KILL"]},)"
      R"("annotations":{"io.github.seccomp.libseccomp.version":"2.5.4",)"
      R"("org.opencontainers.runc.version":"1.1.5+ds1"}})",
      "f.json");
  ASSERT_TRUE(f.ok()) << f.error().message();
  EXPECT_EQ(f.value().name, "runc");
  EXPECT_EQ(f.value().version, "1.1.5+ds1");
  ASSERT_TRUE(f.value().capabilities.has_value());
  EXPECT_EQ(f.value().capabilities->size(), 2u);
}

TEST(FeaturesTest, MissingOrNullListMeansUnknown) {
  auto missing = caps::ParseFeatures(R"({"linux":{}})", "f");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing.value().capabilities.has_value());
  auto null = caps::ParseFeatures(R"({"linux":{"capabilities":null}})", "f");
  ASSERT_TRUE(null.ok());
  EXPECT_FALSE(null.value().capabilities.has_value());
  auto empty = caps::ParseFeatures(R"({"linux":{"capabilities":[]}})", "f");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty.value().capabilities.has_value()) << "an empty list is known and empty";
}

TEST(FeaturesTest, BrokenDocumentsAreErrors) {
  auto not_json = caps::ParseFeatures("{oops", "f.json");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().errno_value, EINVAL);
  EXPECT_THAT(not_json.error().context, HasSubstr("f.json: not a runtime features document: 1:2"));
  EXPECT_FALSE(caps::ParseFeatures(R"({"linux":{"capabilities":"CAP_KILL"}})", "f").ok());
  EXPECT_FALSE(caps::ParseFeatures(R"({"linux":{"capabilities":[1]}})", "f").ok());
  EXPECT_FALSE(caps::ParseFeatures("[]", "f").ok());
}

/// A host whose files and commands are whatever the test says.
class FakeHost : public lint::HostProbe {
 public:
  std::map<std::string, std::string> files;
  std::string release = "5.10.0-26-amd64";
  std::map<std::string, CommandOutput> commands;  ///< keyed by "argv0 argv1"

  Result<std::string> ReadFile(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return SystemError("cannot read " + path, ENOENT);
    return it->second;
  }
  Result<std::string> KernelRelease() const override { return release; }
  Result<CommandOutput> Run(const std::vector<std::string>& argv) const override {
    auto it = commands.find(argv[0] + " " + argv[1]);
    if (it == commands.end()) return CommandOutput{127, false, "", ""};
    return it->second;
  }
};

const caps::Capability& Cap(std::string_view name) {
  return *caps::FindByName(name);
}

TEST(TargetTest, HostKernelUsesCapLastCapOverTheRelease) {
  FakeHost host;
  host.files["/proc/sys/kernel/cap_last_cap"] = "37\n";
  host.files["/proc/self/status"] = kStatus;
  auto target = lint::ResolveTarget({}, host);
  ASSERT_TRUE(target.ok()) << target.error().message();
  EXPECT_TRUE(target.value().kernel.Supports(Cap("CAP_AUDIT_READ")));
  EXPECT_FALSE(target.value().kernel.Supports(Cap("CAP_PERFMON")))
      << "cap_last_cap 37 wins over release 5.10, which has CAP_PERFMON";
  EXPECT_FALSE(target.value().environment.Has(Cap("CAP_SYS_ADMIN")));
  EXPECT_TRUE(target.value().environment.Has(Cap("CAP_KILL")));
  EXPECT_THAT(target.value().kernel.Describe(), HasSubstr("5.10.0-26-amd64 (cap_last_cap 37)"));
  EXPECT_THAT(target.value().environment.Describe(), HasSubstr("14 of 41 capabilities"));
}

TEST(TargetTest, HostKernelFallsBackToTheRelease) {
  FakeHost host;
  host.files["/proc/self/status"] = kStatus;
  auto target = lint::ResolveTarget({}, host);
  ASSERT_TRUE(target.ok());
  EXPECT_TRUE(target.value().kernel.Supports(Cap("CAP_BPF")));
  EXPECT_TRUE(target.value().kernel.Supports(Cap("CAP_CHECKPOINT_RESTORE")));
  host.release = "5.8.0";
  target = lint::ResolveTarget({}, host);
  EXPECT_FALSE(target.value().kernel.Supports(Cap("CAP_CHECKPOINT_RESTORE")));
}

TEST(TargetTest, ExplicitVersionsAndNone) {
  FakeHost host;
  auto target = lint::ResolveTarget(testing::TargetOptionsOf("2.6.32", "none", "", ""), host);
  ASSERT_TRUE(target.ok());
  EXPECT_TRUE(target.value().kernel.Supports(Cap("CAP_MAC_ADMIN")));
  EXPECT_FALSE(target.value().kernel.Supports(Cap("CAP_SYSLOG")));
  EXPECT_TRUE(target.value().environment.Has(Cap("CAP_SYS_ADMIN")));
  target = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", ""), host);
  EXPECT_TRUE(target.value().kernel.Supports(Cap("CAP_CHECKPOINT_RESTORE")));
}

TEST(TargetTest, BadValuesAreUsageErrorsAndMissingFilesAreNot) {
  FakeHost host;
  auto bad_kernel = lint::ResolveTarget(testing::TargetOptionsOf("latest", "none", "", ""), host);
  ASSERT_FALSE(bad_kernel.ok());
  EXPECT_EQ(bad_kernel.error().errno_value, EINVAL);
  auto missing_env =
      lint::ResolveTarget(testing::TargetOptionsOf("none", "/nope.status", "", ""), host);
  ASSERT_FALSE(missing_env.ok());
  EXPECT_EQ(missing_env.error().errno_value, ENOENT);
  host.files["broken.status"] = "Name:\tsh\n";
  auto broken =
      lint::ResolveTarget(testing::TargetOptionsOf("none", "broken.status", "", ""), host);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().errno_value, EINVAL);
  auto both = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "f.json", "runc"), host);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().errno_value, EINVAL);
}

TEST(TargetTest, RuntimeWithoutFeaturesIsANoteNotAFailure) {
  FakeHost host;
  host.commands["crun features"] = {1, false, "", "unknown command features\n"};
  host.commands["crun --version"] = {0, false, "crun version 1.8.1\ncommit: f8a0\n", ""};
  auto target = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", "crun"), host);
  ASSERT_TRUE(target.ok()) << target.error().message();
  EXPECT_FALSE(target.value().runtime.capabilities.has_value());
  EXPECT_TRUE(target.value().runtime.Knows("CAP_ANYTHING"));
  EXPECT_EQ(target.value().runtime.Label(), "crun 1.8.1");
  EXPECT_THAT(target.value().runtime.note, HasSubstr("unknown command features"));
  auto missing =
      lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", "no-such-runtime"), host);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().errno_value, ENOENT);
}

TEST(TargetTest, RuntimeFeaturesCommandAndFile) {
  FakeHost host;
  std::string features = R"({"linux":{"capabilities":["CAP_CHOWN"]},)"
                         R"("annotations":{"org.opencontainers.runc.version":"1.1.5"}})";
  host.commands["runc features"] = {0, false, features, ""};
  auto target = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", "runc"), host);
  ASSERT_TRUE(target.ok());
  EXPECT_TRUE(target.value().runtime.Knows("CAP_CHOWN"));
  EXPECT_FALSE(target.value().runtime.Knows("CAP_KILL"));
  host.commands.clear();
  host.commands["/usr/sbin/runc features"] = {0, false, features, ""};
  target =
      lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", "/usr/sbin/runc"), host);
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target.value().runtime.Label(), "runc 1.1.5");
  host.files["f.json"] = features;
  target = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "f.json", ""), host);
  ASSERT_TRUE(target.ok());
  EXPECT_FALSE(target.value().runtime.Knows("CAP_KILL"));
  host.files["bad.json"] = "runc features output was empty";
  auto bad = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "bad.json", ""), host);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().errno_value, EINVAL);
}

TEST(ProcLimitsTest, TargetReadsHostFileAndExplicitLimits) {
  FakeHost host;
  host.files["/proc/self/status"] = kStatus;
  host.files["/proc/self/limits"] = kLimits;
  auto target = lint::ResolveTarget({}, host);
  ASSERT_TRUE(target.ok());
  ASSERT_TRUE(target.value().environment.limits);
  EXPECT_EQ(target.value().environment.limits_path, "/proc/self/limits");
  host.files["env"] = std::string(kStatus) + kLimits;
  target = lint::ResolveTarget(testing::TargetOptionsOf("none", "env", "", ""), host);
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target.value().environment.limits_path, "env");
  host.files["status-only"] = kStatus;
  host.files["limits-only"] = kLimits;
  target = lint::ResolveTarget(testing::TargetOptionsOf("none", "status-only", "", ""), host);
  EXPECT_FALSE(target.value().environment.limits);
  target = lint::ResolveTarget(
      testing::TargetOptionsOf("none", "status-only", "", "", "limits-only"), host);
  EXPECT_EQ(target.value().environment.limits_path, "limits-only");
  target =
      lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", "", "status-only"), host);
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().errno_value, EINVAL);
}

}  // namespace
}  // namespace ocilint
