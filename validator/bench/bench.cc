// Microbenchmarks of the pipeline's stages on a real podman config (scripts/bench.sh).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "json/parser.h"
#include "lint/linter.h"
#include "lint/rules/catalogue.h"
#include "lint/rules/rule_family.h"
#include "lint/target.h"
#include "report/report.h"
#include "schema/embedded.h"
#include "schema/schema.h"
#include "schema/validator.h"

namespace {

using ocilint::schema::SchemaSet;

const char* kConfig = OCI_LINT_SOURCE_DIR "/testdata/harvested/podman-privileged.json";

std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const SchemaSet> Schema() {
  static std::shared_ptr<const SchemaSet> schema = SchemaSet::Embedded().value();
  return schema;
}

// Parsing the 13 embedded schema files and compiling all of them (Embedded() does only the
// parts that validation reaches, when it reaches them).
void BM_CompileEmbeddedSchema(benchmark::State& state) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& file : ocilint::schema::EmbeddedSchemaFiles()) {
    files.emplace_back(std::string(file.name), std::string(file.text));
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(SchemaSet::FromSources(files, "embedded:///schema/",
                                                    "config-schema.json", "bench",
                                                    SchemaSet::Compilation::kEager));
  }
}
BENCHMARK(BM_CompileEmbeddedSchema);

void BM_Parse(benchmark::State& state) {
  std::string text = ReadFile(kConfig);
  for (auto _ : state) benchmark::DoNotOptimize(ocilint::json::Parse(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Parse);

void BM_SchemaIsValid(benchmark::State& state) {
  ocilint::schema::Validator validator(Schema());
  auto parsed = ocilint::json::Parse(ReadFile(kConfig));
  for (auto _ : state) benchmark::DoNotOptimize(validator.IsValid(*parsed.document));
}
BENCHMARK(BM_SchemaIsValid);

void BM_SchemaValidateWithErrors(benchmark::State& state) {
  ocilint::schema::Validator validator(Schema());
  auto parsed = ocilint::json::Parse(ReadFile(kConfig));
  for (auto _ : state) benchmark::DoNotOptimize(validator.Validate(*parsed.document));
}
BENCHMARK(BM_SchemaValidateWithErrors);

// The rule families alone (today: the capability rules) against a kernel and environment
// target, on a config with a full capability list.
void BM_Rules(benchmark::State& state) {
  auto parsed = ocilint::json::Parse(ReadFile(kConfig));
  ocilint::lint::TargetOptions options;
  options.kernel = "5.4";
  options.environment = "none";
  auto target = ocilint::lint::ResolveTarget(options, ocilint::lint::HostProbe());
  for (auto _ : state) {
    std::vector<ocilint::diag::Diagnostic> findings;
    ocilint::lint::RuleContext context(*parsed.document, target.value(), &findings);
    for (const auto* family : ocilint::lint::AllRuleFamilies()) {
      if (family->check) family->check(context);
    }
    context.Finish();
    benchmark::DoNotOptimize(findings);
  }
}
BENCHMARK(BM_Rules);

void BM_LintWholeConfig(benchmark::State& state) {
  ocilint::lint::Linter linter(Schema(), {});
  std::string text = ReadFile(kConfig);
  for (auto _ : state) benchmark::DoNotOptimize(linter.LintText("config.json", text));
}
BENCHMARK(BM_LintWholeConfig);

/// Writes the report of a config with schema errors and warnings in `format`.
void BM_WriteReport(benchmark::State& state, const char* format) {
  ocilint::lint::Linter linter(Schema(), {});
  std::vector<ocilint::diag::FileReport> reports{linter.LintText(
      "config.json", ReadFile(OCI_LINT_SOURCE_DIR "/testdata/examples/schema-errors.oci.json"))};
  ocilint::report::ReportContext context{
      "bench", Schema()->description(), false, {}, ocilint::lint::AllRules()};
  const ocilint::report::Format* writer = ocilint::report::FindFormat(format);
  for (auto _ : state) {
    std::ostringstream out;
    writer->write(out, reports, context);
    benchmark::DoNotOptimize(out.str());
  }
}
BENCHMARK_CAPTURE(BM_WriteReport, text, "text");
BENCHMARK_CAPTURE(BM_WriteReport, json, "json");
BENCHMARK_CAPTURE(BM_WriteReport, sarif, "sarif");

}  // namespace

BENCHMARK_MAIN();
