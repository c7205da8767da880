// --schema-dir loading of a mutated schema directory: the embedded schema files written to a
// scratch directory, one of them replaced by the input, loaded as the first byte's kind (bits
// 0-1: config, features, state) and used to lint a fixed document of that kind. The first
// byte's bits 2-7 pick the file replaced (modulo the number of files).

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include "fuzz_support.h"
#include "schema/embedded.h"
#include "schema/schema.h"

namespace ocilint::fuzz {
namespace {

constexpr std::string_view kState =
    R"({"ociVersion":"1.2.0","id":"c1","status":"running","pid":42,"bundle":"/srv/b",
"annotations":{"a":"b"}})";

/// The scratch schema directory, holding every embedded schema file.
const std::string& SchemaDir() {
  static const std::string dir = [] {
    std::string path = ScratchDir() + "/schema";
    if (mkdir(path.c_str(), 0700) != 0) {
      std::perror(path.c_str());
      std::abort();
    }
    for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
      WriteScratchFile("schema/" + std::string(file.name), file.text);
    }
    return path;
  }();
  return dir;
}

std::string_view DocumentOf(diag::DocumentKind kind) {
  switch (kind) {
    case diag::DocumentKind::kFeatures:
      return RuncFeatures();
    case diag::DocumentKind::kState:
      return kState;
    case diag::DocumentKind::kConfig:
      break;
  }
  return RichConfig();
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  if (size == 0) return 0;
  const std::string& dir = fuzz::SchemaDir();
  auto files = schema::EmbeddedSchemaFiles();
  const schema::EmbeddedFile& replaced = files[(data[0] >> 2) % files.size()];
  auto kind = static_cast<diag::DocumentKind>(data[0] & 3 ? (data[0] & 3) - 1 : 0);
  std::string name = "schema/" + std::string(replaced.name);
  fuzz::WriteScratchFile(name, fuzz::AsText(data + 1, size - 1));

  auto loaded = schema::SchemaSet::FromDirectory(dir, kind);
  if (loaded) {
    auto embedded = schema::SchemaSet::Embedded();
    if (!embedded) std::abort();
    auto pick = [&](diag::DocumentKind slot) { return slot == kind ? loaded : embedded; };
    lint::KindSchemas kinds{{pick(diag::DocumentKind::kConfig), pick(diag::DocumentKind::kFeatures),
                             pick(diag::DocumentKind::kState)}};
    lint::LintOptions options;
    options.kind = kind;
    lint::Linter linter(kind == diag::DocumentKind::kConfig ? loaded.value() : embedded.value(),
                        options);
    linter.SetKindSchemas(kinds);
    std::string_view document = fuzz::DocumentOf(kind);
    diag::FileReport report = linter.LintText("fixed.json", std::string(document));
    fuzz::CheckPositions(report, document);
  } else if (loaded.error().message().empty()) {
    std::abort();
  }
  fuzz::WriteScratchFile(name, replaced.text);
  return 0;
}
