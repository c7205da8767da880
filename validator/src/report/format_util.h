#pragma once

// Helpers the CI report formats share: stable hashes, paths as CI systems want them, XML text.

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "json/utf8.h"

namespace ocilint::report::format {

/// FNV-1a (64 bit) over `parts`, each followed by a NUL so ("ab","c") and ("a","bc") differ.
inline uint64_t Hash(std::initializer_list<std::string_view> parts,
                     uint64_t basis = 0xcbf29ce484222325ULL) {
  uint64_t h = basis;
  for (std::string_view part : parts) {
    for (char c : part) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    h = (h ^ 0U) * 0x100000001b3ULL;
  }
  return h;
}

/// `value` as 16 lower-case hex digits.
inline std::string Hex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[i] = kDigits[value & 0xF];
  return out;
}

/// The path CI systems resolve against the checkout: absolute paths below the working
/// directory made relative, a leading "./" dropped; anything else as reported.
inline std::string RelativePath(std::string_view path) {
  std::string text = json::SanitizeUtf8(path);
  std::filesystem::path p(text);
  if (p.is_absolute()) {
    std::error_code ec;
    std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (!ec) {
      std::filesystem::path rel = p.lexically_normal().lexically_relative(cwd);
      if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
    }
  }
  while (text.rfind("./", 0) == 0 && text.size() > 2) text.erase(0, 2);
  return text;
}

/// `text` for a Markdown table cell: '|' escaped.
inline std::string MarkdownCell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

/// `text` as XML character data or attribute value: markup characters escaped, characters
/// XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE, U+FFFF) dropped; in
/// attributes tab and line breaks become references so attribute normalization keeps them.
inline std::string XmlEscape(std::string_view text, bool attribute = true) {
  std::string clean = json::SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    char ch = clean[i];
    switch (ch) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&apos;";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      default:
        break;
    }
    if (static_cast<unsigned char>(ch) < 0x20) continue;
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (ch == '\xEF' && i + 2 < clean.size() && clean[i + 1] == '\xBF' &&
        (clean[i + 2] == '\xBE' || clean[i + 2] == '\xBF')) {
      i += 2;
      continue;
    }
    out += ch;
  }
  return out;
}

/// "path:line:col: severity: message [rule]" and the pointer, help and spec lines: the details
/// the XML formats put in element bodies.
inline std::string Details(const diag::FileReport& file, const diag::Diagnostic& d) {
  std::string text = file.path;
  if (d.line > 0) text += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  text +=
      ": " + std::string(diag::SeverityName(d.severity)) + ": " + d.message + " [" + d.rule + "]";
  if (!d.pointer.empty()) text += "\nat: " + d.pointer;
  if (!d.help.empty()) text += "\nhelp: " + d.help;
  if (!d.spec.empty()) text += "\nspec: " + d.spec;
  return text;
}

}  // namespace ocilint::report::format
