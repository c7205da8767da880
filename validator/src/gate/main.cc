// oci-lint-runtime: an OCI runtime wrapper that lints every bundle at create and run, then
// execs the real runtime (docs/runtime-gate.md).

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "gate/answer_cache.h"
#include "gate/gate.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string path;
  std::vector<std::string> exec_args;
  ocilint::lint::HostProbe host;
  ocilint::gate::CachingProbe cached(
      host, ocilint::gate::DefaultCacheDir(std::getenv("XDG_RUNTIME_DIR")));
  int status = ocilint::gate::Prepare(args, std::getenv("OCI_LINT_RUNTIME_CONFIG"),
                                      std::getenv("PATH"), cached, std::cerr, &path, &exec_args);
  if (status != ocilint::gate::kExec) return status;
  std::cerr.flush();
  std::vector<char*> pointers;
  for (std::string& arg : exec_args) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  execv(path.c_str(), pointers.data());
  int saved = errno;
  std::cerr << "oci-lint-runtime: cannot run " << path << ": " << std::strerror(saved) << '\n';
  return saved == ENOENT ? 127 : 126;
}
