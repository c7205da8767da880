#include "conformance/escape.h"

#include <algorithm>

#include "json/utf8.h"

namespace ocilint::conformance {

namespace {

/// The style sheet of the HTML pages, inlined in each.
constexpr std::string_view kHtmlStyle = R"(
body { font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em;
       color: #1b1b1b; line-height: 1.45; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
td.n { text-align: right; }
blockquote { border-left: 4px solid #c8c8c8; margin: 0.8em 0; padding: 0.2em 1em;
             color: #333; }
blockquote cite { display: block; color: #666; margin-top: 0.4em; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto;
      white-space: pre-wrap; }
.verdict { font-weight: bold; padding: 0.05em 0.5em; border-radius: 0.3em; }
.pass { background: #d8f0d8; color: #125c12; }
.fail { background: #f8d4d4; color: #8b1010; }
.skip { background: #ececec; color: #555; }
section.requirement { margin-left: 1em; }
.text { white-space: pre-line; }
)";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string clean = json::SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    char ch = clean[i];
    auto c = static_cast<unsigned char>(ch);
    bool c1 = c == 0xC2 && i + 1 < clean.size() && static_cast<unsigned char>(clean[i + 1]) <= 0x9F;
    if (ch == '&') {
      out += "&amp;";
    } else if (ch == '<') {
      out += "&lt;";
    } else if (ch == '>') {
      out += "&gt;";
    } else if (ch == '"') {
      out += "&quot;";
    } else if (ch == '\'') {
      out += "&#39;";
    } else if ((c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || c == 0x7F || c1) {
      out += "\xEF\xBF\xBD";
      if (c1) ++i;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string HtmlVerdictBadge(Verdict verdict) {
  std::string name(VerdictName(verdict));
  return "<span class=\"verdict " + name + "\">" + name + "</span>";
}

std::string HtmlHead(std::string_view title, std::string_view extra_style) {
  std::string head = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  head += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ";
  head += "style-src 'unsafe-inline'\">\n";
  head += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  head += "<title>";
  head += title;
  head += "</title>\n<style>";
  head += kHtmlStyle;
  head += extra_style;
  head += "</style>\n</head>\n";
  return head;
}

std::string MarkdownInline(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>|&~!#";
  std::string clean = json::SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (char ch : clean) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '\n' || ch == '\r' || ch == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else {
      if (kSpecial.find(ch) != std::string_view::npos) out += '\\';
      out += ch;
    }
  }
  return out;
}

std::string MarkdownFence(const std::vector<std::string>& lines) {
  size_t longest = 0;
  for (const std::string& line : lines) {
    size_t run = 0;
    for (char ch : line) {
      run = ch == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

}  // namespace ocilint::conformance
