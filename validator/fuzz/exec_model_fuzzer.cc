// The capabilities(7) execve model with random capability sets and credentials: the results
// must be what capabilities(7) says of any input (exec_model.h), and MaskToNames must name
// each bit once.

#include <fuzzer/FuzzedDataProvider.h>

#include <bit>
#include <cstdlib>

#include "caps/exec_model.h"

namespace ocilint::fuzz {
namespace {

bool Subset(caps::CapMask a, caps::CapMask b) {
  return (a & ~b) == 0;
}

void CheckPrediction(const caps::CapState& p, const caps::ExecCredentials& c,
                     const caps::CapState& next) {
  bool root = c.real_root || c.effective_root;
  bool ok = next.inheritable == p.inheritable && next.bounding == p.bounding &&
            next.ambient == p.ambient && Subset(next.ambient, next.permitted) &&
            Subset(next.effective, next.permitted) &&
            Subset(next.permitted, p.bounding | p.inheritable | p.ambient) &&
            (root || next.permitted == p.ambient) &&
            (!c.no_new_privs || Subset(next.permitted, p.permitted | p.ambient)) &&
            next.effective == (c.effective_root ? next.permitted : next.ambient);
  if (!ok) std::abort();
}

void CheckNames(caps::CapMask mask) {
  std::string names = caps::MaskToNames(mask);
  size_t words = names.empty() ? 0 : 1;
  for (char ch : names) words += ch == ' ';
  if (words != static_cast<size_t>(std::popcount(mask))) std::abort();
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  FuzzedDataProvider input(data, size);
  caps::CapState before;
  before.inheritable = input.ConsumeIntegral<caps::CapMask>();
  before.permitted = input.ConsumeIntegral<caps::CapMask>();
  before.effective = input.ConsumeIntegral<caps::CapMask>();
  before.bounding = input.ConsumeIntegral<caps::CapMask>();
  before.ambient = input.ConsumeIntegral<caps::CapMask>();
  caps::ExecCredentials credentials;
  credentials.real_root = input.ConsumeBool();
  credentials.effective_root = input.ConsumeBool();
  credentials.no_new_privs = input.ConsumeBool();

  caps::CapState after = caps::PredictAfterExec(before, credentials);
  fuzz::CheckPrediction(before, credentials, after);
  // A second execve of the same program by the same credentials changes nothing more.
  caps::CapState again = caps::PredictAfterExec(after, credentials);
  fuzz::CheckPrediction(after, credentials, again);
  if (!(again == after)) std::abort();
  for (caps::CapMask mask : {before.permitted, after.permitted, after.effective}) {
    fuzz::CheckNames(mask);
  }
  return 0;
}
