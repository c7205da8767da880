#include <array>

#include "report/report.h"

namespace ocilint::report {

namespace {

constexpr std::array kFormats = {
    Format{"text", WriteText},     Format{"json", WriteJson},
    Format{"sarif", WriteSarif},   Format{"github", WriteGithub},
    Format{"gitlab", WriteGitlab}, Format{"junit", WriteJunit},
    Format{"tap", WriteTap},       Format{"checkstyle", WriteCheckstyle},
};

}  // namespace

std::span<const Format> AllFormats() {
  return kFormats;
}

const Format* FindFormat(std::string_view name) {
  for (const Format& format : kFormats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace ocilint::report
