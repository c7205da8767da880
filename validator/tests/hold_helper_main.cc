// oci-lint-test-hold-helper: a static stand-in for the probe helper that never reports and never
// exits on its own, so that the signal tests find a container running until it is killed.

#include <unistd.h>

int main() {
  while (true) pause();
}
