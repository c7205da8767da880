// The capabilities(7) execve model against cases computed by hand from the formulas.

#include "caps/exec_model.h"

#include <gtest/gtest.h>

namespace ocilint {
namespace {

using caps::CapMask;
using caps::CapState;
using caps::ExecCredentials;

constexpr CapMask Bit(int n) {
  return CapMask{1} << n;
}
constexpr CapMask kChown = Bit(0), kKill = Bit(5), kNetBind = Bit(10), kNetRaw = Bit(13),
                  kSysAdmin = Bit(21), kAuditWrite = Bit(29);
constexpr CapMask kAll = (CapMask{1} << 41) - 1;

TEST(ExecModelTest, RootGetsBoundingOrInheritableInPermittedAndEffective) {
  // runc's default: bounding = permitted = effective = {AUDIT_WRITE, KILL, NET_BIND_SERVICE}.
  CapState before{0, kAuditWrite | kKill | kNetBind, kAuditWrite | kKill | kNetBind,
                  kAuditWrite | kKill | kNetBind, 0};
  CapState after = caps::PredictAfterExec(before, {true, true, false});
  EXPECT_EQ(after.permitted, kAuditWrite | kKill | kNetBind);
  EXPECT_EQ(after.effective, kAuditWrite | kKill | kNetBind);
  EXPECT_EQ(after.bounding, before.bounding);
  EXPECT_EQ(after.inheritable, 0u);
  EXPECT_EQ(after.ambient, 0u);
}

TEST(ExecModelTest, RootPermittedCanGrowToTheBoundingSet) {
  // Permitted {CHOWN} but bounding {CHOWN, KILL}: root gets KILL back at execve.
  CapState before{kNetRaw, kChown, kChown, kChown | kKill, 0};
  CapState after = caps::PredictAfterExec(before, {true, true, false});
  EXPECT_EQ(after.permitted, kChown | kKill | kNetRaw) << "P' = bounding | inheritable";
  EXPECT_EQ(after.effective, after.permitted);
}

TEST(ExecModelTest, NoNewPrivsCutsRootsPermittedToTheOldOne) {
  CapState before{kNetRaw, kChown, kChown, kChown | kKill, 0};
  CapState after = caps::PredictAfterExec(before, {true, true, true});
  EXPECT_EQ(after.permitted, kChown) << "(bounding | inheritable) & old permitted";
  EXPECT_EQ(after.effective, kChown);
}

TEST(ExecModelTest, NoNewPrivsKeepsAmbient) {
  CapState before{kKill, kKill, kKill, kAll, kKill};
  CapState after = caps::PredictAfterExec(before, {false, false, true});
  EXPECT_EQ(after.permitted, kKill);
  EXPECT_EQ(after.effective, kKill);
  EXPECT_EQ(after.ambient, kKill);
}

TEST(ExecModelTest, NonRootKeepsOnlyAmbient) {
  // uid 1000 with NET_BIND_SERVICE in inheritable, permitted and ambient (and SYS_ADMIN only in
  // permitted): only the ambient capability survives execve.
  CapState before{kNetBind, kNetBind | kSysAdmin, kNetBind | kSysAdmin, kAll, kNetBind};
  CapState after = caps::PredictAfterExec(before, {false, false, false});
  EXPECT_EQ(after.permitted, kNetBind);
  EXPECT_EQ(after.effective, kNetBind);
  EXPECT_EQ(after.inheritable, kNetBind);
  EXPECT_EQ(after.bounding, kAll);
  EXPECT_EQ(after.ambient, kNetBind);
}

TEST(ExecModelTest, NonRootWithoutAmbientLosesEverything) {
  // The KEEPCAPS case: caps kept across setuid are lost at execve without ambient.
  CapState before{kChown, kChown | kKill, kChown | kKill, kAll, 0};
  CapState after = caps::PredictAfterExec(before, {false, false, false});
  EXPECT_EQ(after.permitted, 0u);
  EXPECT_EQ(after.effective, 0u);
  EXPECT_EQ(after.inheritable, kChown);
}

TEST(ExecModelTest, RealRootOnlyGetsPermittedButNotEffective) {
  CapState before{0, kChown, 0, kChown | kKill, 0};
  CapState after = caps::PredictAfterExec(before, {true, false, false});
  EXPECT_EQ(after.permitted, kChown | kKill);
  EXPECT_EQ(after.effective, 0u) << "only the real uid is 0: the effective bit stays clear";
}

TEST(ExecModelTest, AmbientIsAddedAfterTheNoNewPrivsCut) {
  CapState before{kKill, kChown | kKill, kChown, kChown, kKill};
  CapState after = caps::PredictAfterExec(before, {true, true, true});
  // (bounding | inheritable) = {CHOWN, KILL} is within old permitted, then ambient KILL.
  EXPECT_EQ(after.permitted, kChown | kKill);
  EXPECT_EQ(after.effective, kChown | kKill);
}

TEST(ExecModelTest, MaskToNames) {
  EXPECT_EQ(caps::MaskToNames(kChown | kSysAdmin), "CAP_CHOWN CAP_SYS_ADMIN");
  EXPECT_EQ(caps::MaskToNames(Bit(45)), "CAP_45");
  EXPECT_EQ(caps::MaskToNames(0), "");
}

}  // namespace
}  // namespace ocilint
