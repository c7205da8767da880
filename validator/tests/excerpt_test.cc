// Reports keep only a window of a long line around each finding. The text format must show
// exactly what it would show from the whole line: same columns, markers, caret and tabs.

#include "diag/excerpt.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "report/report.h"

namespace ocilint {
namespace {

std::string Render(const diag::Diagnostic& d) {
  diag::FileReport file;
  file.path = "long.json";
  file.diagnostics.push_back(d);
  std::ostringstream out;
  report::FindFormat("text")->write(out, {file}, report::ReportContext{});
  return out.str();
}

/// A one-line document mixing ASCII, tabs and multi-byte characters, as minified configs do.
std::string LongLine() {
  std::string line = "{\"env\":[";
  for (int i = 0; i < 120; ++i) {
    line += "\"K" + std::to_string(i) + (i % 7 == 0 ? "=\xC3\xA9\xE2\x82\xAC" : "=v") + "\",";
    if (i % 11 == 0) line += '\t';
  }
  return line + "\"END\"]}";
}

TEST(ExcerptTest, WindowRendersLikeTheWholeLine) {
  std::string source = LongLine() + "\n{}\n";
  std::string_view line = std::string_view(source).substr(0, source.find('\n'));
  for (size_t offset = 0; offset < line.size(); offset += 37) {
    if ((static_cast<unsigned char>(source[offset]) & 0xC0) == 0x80) continue;
    diag::Diagnostic windowed;
    windowed.rule = "schema";
    windowed.message = "m";
    windowed.offset = offset;
    std::vector<diag::Diagnostic> list{windowed};
    diag::LocateDiagnostics(source, &list);
    ASSERT_TRUE(list[0].excerpt);
    EXPECT_LE(list[0].excerpt->text.size(), 4 * 2 * diag::kMaxExcerptColumns)
        << "a report holds a window, not the line";

    diag::Diagnostic whole = list[0];
    whole.excerpt->text = std::string(line);
    whole.excerpt->first_column = 1;
    whole.excerpt->tab_phase = 0;
    whole.excerpt->cut_after = false;
    EXPECT_EQ(Render(list[0]), Render(whole)) << "offset " << offset;
  }
}

TEST(ExcerptTest, ShortLineIsKeptWhole) {
  std::string source = "{\n  \"hostname\": 5\n}\n";
  diag::Diagnostic d;
  d.offset = source.find('5');
  std::vector<diag::Diagnostic> list{d};
  diag::LocateDiagnostics(source, &list);
  EXPECT_EQ(list[0].line, 2u);
  EXPECT_EQ(list[0].column, 15u);
  ASSERT_TRUE(list[0].excerpt);
  EXPECT_EQ(list[0].excerpt->text, "  \"hostname\": 5");
  EXPECT_EQ(list[0].excerpt->first_column, 1u);
  EXPECT_FALSE(list[0].excerpt->cut_after);
}

TEST(ExcerptTest, FindingWithoutOffsetGetsNoExcerpt) {
  std::vector<diag::Diagnostic> list(1);
  diag::LocateDiagnostics("{}", &list);
  EXPECT_FALSE(list[0].excerpt);
  EXPECT_EQ(list[0].line, 0u);
}

}  // namespace
}  // namespace ocilint
