#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "json/document.h"

namespace ocilint::json {

/// Something wrong with the JSON text itself (not with what it says).
struct ParseIssue {
  enum class Kind { kSyntax, kDuplicateKey };
  Kind kind = Kind::kSyntax;
  size_t offset = 0;    ///< byte offset the issue points at
  std::string pointer;  ///< JSON pointer of the value (or the container) concerned
  std::string message;
  std::string help;
};

struct ParseOptions {
  /// Containers nested deeper than this are refused with a syntax issue.
  size_t max_depth = 1000;
  /// A text with more values than this is refused with a syntax issue where the next would
  /// start: the tree costs about 40 to 80 bytes a value, so this bounds a document's memory
  /// whatever its size (a 64 MiB `[0,0,...]` holds 33 million values; configs hold thousands).
  size_t max_values = 1'000'000;
};

/// The most memory Parse may hold for a `source_size`-byte text (the text itself, its tree of
/// at most `max_values` values, decoded strings), for budgeting several parses at once.
size_t ParseMemoryBound(size_t source_size, const ParseOptions& options = {});

struct ParseResult {
  std::unique_ptr<Document> document;  ///< always set; empty() when the text could not be parsed
  std::vector<ParseIssue> issues;
  /// Duplicate keys beyond the first 1000 are counted here instead of listed.
  size_t unreported_duplicates = 0;
  /// False when the text is not valid JSON (a BOM, invalid UTF-8, a syntax error...).
  bool clean_syntax = true;
};

/// Parses `source` without recursion. Duplicate keys keep the last value, as Go's
/// encoding/json and Python's json do.
ParseResult Parse(std::string source, const ParseOptions& options = {});

}  // namespace ocilint::json
