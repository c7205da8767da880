// Microbenchmarks of the pipeline's stages on a real podman config (scripts/bench.sh).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "json/parser.h"
#include "lint/linter.h"
#include "report/report.h"
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

void BM_CompileEmbeddedSchema(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(SchemaSet::Embedded());
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

void BM_LintWholeConfig(benchmark::State& state) {
  ocilint::lint::Linter linter(Schema(), {});
  std::string text = ReadFile(kConfig);
  for (auto _ : state) benchmark::DoNotOptimize(linter.LintText("config.json", text));
}
BENCHMARK(BM_LintWholeConfig);

void BM_WriteJsonReport(benchmark::State& state) {
  ocilint::lint::Linter linter(Schema(), {});
  std::vector<ocilint::diag::FileReport> reports{linter.LintText(
      "config.json", ReadFile(OCI_LINT_SOURCE_DIR "/testdata/examples/schema-errors.json"))};
  ocilint::report::ReportContext context{"bench", Schema()->description(), false, {}};
  for (auto _ : state) {
    std::ostringstream out;
    ocilint::report::WriteJson(out, reports, context);
    benchmark::DoNotOptimize(out.str());
  }
}
BENCHMARK(BM_WriteJsonReport);

}  // namespace

BENCHMARK_MAIN();
