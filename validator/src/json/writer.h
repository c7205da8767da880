#pragma once

#include <ostream>
#include <set>

#include "json/document.h"

namespace ocilint::json {

/// Indentation of a JSON text: the first indented line decides (tab, or N spaces; default 2).
struct Indent {
  char character = ' ';
  unsigned count = 2;
};
Indent DetectIndent(std::string_view source);

/// Writes `doc` pretty-printed, members in their order, numbers exactly as written, leaving out
/// the array elements and member values listed in `omit`.
void WriteDocument(const Document& doc, std::ostream& out, const std::set<NodeId>& omit = {},
                   Indent indent = {});

}  // namespace ocilint::json
