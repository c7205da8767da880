#pragma once

#include <map>
#include <set>
#include <string>

#include "json/document.h"

namespace ocilint::json {

/// The byte offset just past the value `id` in the document's source.
size_t ValueEnd(const Document& doc, NodeId id);

/// The document's source with the array elements in `remove` left out and the values in
/// `replace` written as the raw JSON text given, every other byte as it was: a removed element
/// takes with it the comma and white space that separate it from the element after it (or, when
/// no kept element follows, from the kept element before it). Nodes in `remove` that are not
/// array elements are ignored.
std::string EditSource(const Document& doc, const std::set<NodeId>& remove,
                       const std::map<NodeId, std::string>& replace);

}  // namespace ocilint::json
