#pragma once

// Escaping the conformance writers share: every string in a report comes from a runtime (its
// stderr, its log) or from report.json read back, so none is trusted as markup.

#include <string>
#include <string_view>
#include <vector>

#include "conformance/model.h"

namespace ocilint::conformance {

/// `text` as HTML text or attribute value; control characters other than tab and line breaks
/// are shown as U+FFFD, bytes that are not UTF-8 too.
std::string HtmlEscape(std::string_view text);

/// `<span class="verdict pass">pass</span>`: the badge the HTML pages share (their style sheet
/// colours the classes pass, fail and skip).
std::string HtmlVerdictBadge(Verdict verdict);

/// The start of an HTML page up to its <body>, with `title` (already escaped) and the pages'
/// style sheet inline, followed by `extra_style`; a Content-Security-Policy allows nothing but
/// that style: the pages load nothing and run no script.
std::string HtmlHead(std::string_view title, std::string_view extra_style = "");

/// `text` safe as inline Markdown and inside a GitHub table cell: punctuation that could start
/// markup (`|` included) is backslash-escaped, line breaks become spaces and other control
/// characters U+FFFD.
std::string MarkdownInline(std::string_view text);

/// A backtick fence longer than any backtick run in `lines` (at least three).
std::string MarkdownFence(const std::vector<std::string>& lines);

}  // namespace ocilint::conformance
