#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "json/document.h"

namespace ocilint::schema {

/// Resolves `reference` against `base` (RFC 3986, as Python's urljoin does for schema refs).
std::string JoinUri(std::string_view base, std::string_view reference);
/// `uri` without its fragment; the fragment (without '#') goes to *fragment.
std::string SplitFragment(std::string_view uri, std::string* fragment);
std::string StripFragment(std::string_view uri);
/// Reference tokens of a fragment as python-jsonschema reads them: leading slashes dropped
/// (so the malformed "#definitions/x" still works), percent-decoded, ~1 and ~0 unescaped.
std::vector<std::string> FragmentTokens(std::string_view fragment);
/// The node of `doc` that `fragment` (without '#') points at, its tokens read by
/// FragmentTokens; kNoNode when it points at nothing.
json::NodeId ResolveFragment(const json::Document& doc, std::string_view fragment);

}  // namespace ocilint::schema
