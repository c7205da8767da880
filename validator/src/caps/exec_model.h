#pragma once

#include <string>

#include "caps/table.h"

namespace ocilint::caps {

/// The five capability sets of a process.
struct CapState {
  CapMask inheritable = 0;
  CapMask permitted = 0;
  CapMask effective = 0;
  CapMask bounding = 0;
  CapMask ambient = 0;
  bool operator==(const CapState&) const = default;
};

/// Who runs execve, as far as capabilities care (SECBIT_NOROOT clear).
struct ExecCredentials {
  bool real_root = false;       ///< real uid is 0 in the process's user namespace
  bool effective_root = false;  ///< effective uid is 0
  bool no_new_privs = false;
};

/// capabilities(7) "Transformation of capabilities during execve()" for a program without file
/// capabilities and without set-user-ID or set-group-ID bits (the kernel's
/// cap_bprm_creds_from_file):
///   root (real or effective uid 0): F(permitted) and F(inheritable) count as all ones, so
///     P'(permitted) = P(bounding) | P(inheritable); F(effective) is set only for an effective
///     uid 0. Anyone else: P'(permitted) = 0 before ambient is added.
///   no_new_privs: a permitted set that would gain capabilities is cut to P(permitted).
///   P'(ambient) = P(ambient); P'(permitted) |= P'(ambient);
///   P'(effective) = F(effective) ? P'(permitted) : P'(ambient);
///   P'(inheritable) = P(inheritable); P'(bounding) = P(bounding).
CapState PredictAfterExec(const CapState& before, const ExecCredentials& credentials);

/// The capability names in `mask`, in number order (unknown bits as "CAP_<n>").
std::string MaskToNames(CapMask mask);

}  // namespace ocilint::caps
