#include "cli/conformance_compare_command.h"

#include <utility>

#include "cli/cli.h"
#include "conformance/compare.h"
#include "util/secure_fs.h"

namespace ocilint::cli {

void ConformanceCompareCommand::Register(CLI::App& conformance, bool with_options) {
  command_ = conformance.add_subcommand(
      "compare",
      "Compare the reports of several runtimes side by side, requirement by requirement (one "
      "HTML page or Markdown; the rows where their verdicts differ are marked)");
  if (!with_options) return;
  command_->footer(
      "Each DIR is a report directory written by `oci-lint conformance` (its report.json is\n"
      "read; a report.json itself may be named too). Reports of older oci-lint versions are\n"
      "read as well; their requirements, without ids, are matched by their position in their\n"
      "scenario.\n\n"
      "Exit codes:\n"
      "  0  the comparison was written\n"
      "  2  usage error (unknown option, bad value, no DIR)\n"
      "  3  a report could not be read or is not a conformance report, or the output could\n"
      "     not be written\n\n"
      "Documentation: README.md in the source tree.");
  command_->add_option("DIR", dirs_, "Report directories (reports/<runtime>-<version>)")
      ->type_name("DIR")
      ->required();
  command_->add_option("--format", format_, "Output format: html|md")
      ->check(CLI::IsMember({"html", "md"}))
      ->capture_default_str();
  command_
      ->add_option("--out", out_file_,
                   "Write the comparison to FILE (replaced whole, never written through) "
                   "instead of standard output")
      ->type_name("FILE");
}

int ConformanceCompareCommand::Execute(std::ostream& out, std::ostream& err) {
  std::vector<conformance::LoadedReport> reports;
  bool unreadable = false;
  for (const std::string& dir : dirs_) {
    Result<conformance::LoadedReport> loaded = conformance::LoadReport(dir);
    if (!loaded) {
      err << "oci-lint: " << loaded.error().message() << '\n';
      unreadable = true;
      continue;
    }
    reports.push_back(std::move(*loaded));
  }
  if (unreadable) return kExitUnreadable;
  conformance::Comparison comparison = conformance::Compare(std::move(reports));
  auto write = format_ == "md" ? conformance::WriteCompareMarkdown : conformance::WriteCompareHtml;
  if (out_file_.empty()) {
    write(out, comparison);
    return kExitClean;
  }
  Result<securefs::ReplacementFile> file = securefs::ReplacementFile::Open(out_file_);
  if (file) {
    write(file->stream(), comparison);
    if (Result<bool> done = file->Commit(); !done) file = done.error();
  }
  if (!file) {
    err << "oci-lint: " << file.error().message() << '\n';
    return kExitUnreadable;
  }
  out << "compared " << comparison.reports.size() << " reports: " << comparison.rows
      << " requirements, " << comparison.disagreements << " where the verdicts differ; wrote "
      << out_file_ << '\n';
  return kExitClean;
}

}  // namespace ocilint::cli
