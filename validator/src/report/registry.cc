#include <array>

#include "report/report.h"

namespace ocilint::report {

namespace {

constexpr std::array kFormats = {
    Format{"text", OpenText},     Format{"json", OpenJson},
    Format{"sarif", OpenSarif},   Format{"github", OpenGithub},
    Format{"gitlab", OpenGitlab}, Format{"junit", OpenJunit},
    Format{"tap", OpenTap},       Format{"checkstyle", OpenCheckstyle},
};

}  // namespace

void Format::write(std::ostream& out, const std::vector<diag::FileReport>& files,
                   const ReportContext& context) const {
  std::unique_ptr<ReportStream> stream = open(out, context);
  stream->Begin(files.size());
  for (const diag::FileReport& file : files) stream->File(file);
  stream->End(diag::Summarize(files));
}

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
