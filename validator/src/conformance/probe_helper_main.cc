// oci-lint-probe-helper: the only program in a conformance bundle's rootfs. Statically linked;
// prints the capability sets, uid and no_new_privs of its own process as one JSON object.

#include <cstdio>
#include <cstring>

int main() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (!status) {
    std::perror("oci-lint-probe-helper: /proc/self/status");
    return 1;
  }
  static const char* const kKeys[] = {"CapInh", "CapPrm", "CapEff",    "CapBnd",
                                      "CapAmb", "Uid",    "NoNewPrivs"};
  char line[512];
  bool first = true;
  std::printf("{");
  while (std::fgets(line, sizeof line, status)) {
    for (const char* key : kKeys) {
      size_t length = std::strlen(key);
      if (std::strncmp(line, key, length) != 0 || line[length] != ':') continue;
      char* value = line + length + 1;
      while (*value == ' ' || *value == '\t') ++value;
      value[std::strcspn(value, "\t\n")] = '\0';  // Uid: keep the real uid only
      std::printf("%s\"%s\": \"%s\"", first ? "" : ", ", key, value);
      first = false;
    }
  }
  std::printf("}\n");
  std::fclose(status);
  return 0;
}
