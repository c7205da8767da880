#include "caps/exec_model.h"

namespace ocilint::caps {

CapState PredictAfterExec(const CapState& p, const ExecCredentials& c) {
  CapState next;
  next.inheritable = p.inheritable;
  next.bounding = p.bounding;
  next.ambient = p.ambient;
  bool root = c.real_root || c.effective_root;
  CapMask permitted = root ? (p.bounding | p.inheritable) : 0;
  if (c.no_new_privs && (permitted & ~p.permitted) != 0) permitted &= p.permitted;
  next.permitted = permitted | next.ambient;
  next.effective = c.effective_root ? next.permitted : next.ambient;
  return next;
}

std::string MaskToNames(CapMask mask) {
  std::string out;
  for (int bit = 0; bit < 64; ++bit) {
    if (!Contains(mask, bit)) continue;
    if (!out.empty()) out += ' ';
    const Capability* cap = FindByNumber(bit);
    out += cap ? std::string(cap->name) : "CAP_" + std::to_string(bit);
  }
  return out;
}

}  // namespace ocilint::caps
