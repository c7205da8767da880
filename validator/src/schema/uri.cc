#include "schema/uri.h"

namespace ocilint::schema {

namespace {

size_t SchemeLength(std::string_view uri) {
  for (size_t i = 0; i < uri.size(); ++i) {
    char c = uri[i];
    if (c == ':') return i > 0 ? i : std::string_view::npos;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') break;
  }
  return std::string_view::npos;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool absolute = !path.empty() && path[0] == '/';
  if (absolute) start = 1;
  std::string_view last;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    last = segment;
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
    } else if (segment != ".") {
      out.push_back(segment);
    }
    start = end + 1;
  }
  std::string result = absolute ? "/" : "";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) result += '/';
    result += out[i];
  }
  if ((last == "." || last == "..") && !result.empty() && result.back() != '/') result += '/';
  return result;
}

}  // namespace

std::string SplitFragment(std::string_view uri, std::string* fragment) {
  size_t hash = uri.find('#');
  if (hash == std::string_view::npos) {
    fragment->clear();
    return std::string(uri);
  }
  *fragment = std::string(uri.substr(hash + 1));
  return std::string(uri.substr(0, hash));
}

std::string StripFragment(std::string_view uri) {
  std::string fragment;
  return SplitFragment(uri, &fragment);
}

std::string JoinUri(std::string_view base, std::string_view reference) {
  if (SchemeLength(reference) != std::string_view::npos) return std::string(reference);
  std::string base_fragment;
  std::string base_uri = SplitFragment(base, &base_fragment);
  if (reference.empty()) return base_uri;
  if (reference[0] == '#') return base_uri + std::string(reference);
  size_t scheme = SchemeLength(base_uri);
  size_t path_start = scheme == std::string_view::npos ? 0 : scheme + 1;
  if (base_uri.compare(path_start, 2, "//") == 0) {
    size_t slash = base_uri.find('/', path_start + 2);
    path_start = slash == std::string::npos ? base_uri.size() : slash;
  }
  std::string prefix = base_uri.substr(0, path_start);
  std::string base_path = base_uri.substr(path_start);
  if (reference.substr(0, 2) == "//")
    return base_uri.substr(0, scheme + 1) + std::string(reference);
  std::string fragment;
  std::string ref_path = SplitFragment(reference, &fragment);
  std::string merged;
  if (!ref_path.empty() && ref_path[0] == '/') {
    merged = ref_path;
  } else {
    size_t last = base_path.rfind('/');
    merged =
        (last == std::string::npos ? std::string("/") : base_path.substr(0, last + 1)) + ref_path;
  }
  std::string result = prefix + RemoveDotSegments(merged);
  if (reference.find('#') != std::string_view::npos) result += "#" + fragment;
  return result;
}

std::vector<std::string> FragmentTokens(std::string_view fragment) {
  while (!fragment.empty() && fragment.front() == '/') fragment.remove_prefix(1);
  std::vector<std::string> tokens;
  if (fragment.empty()) return tokens;
  std::string decoded;
  for (size_t i = 0; i < fragment.size(); ++i) {
    if (fragment[i] == '%' && i + 2 < fragment.size() &&
        std::isxdigit(static_cast<unsigned char>(fragment[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(fragment[i + 2]))) {
      decoded += static_cast<char>(std::stoi(std::string(fragment.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      decoded += fragment[i];
    }
  }
  size_t start = 0;
  while (true) {
    size_t end = decoded.find('/', start);
    std::string token =
        decoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string unescaped;
    for (size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        unescaped += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        unescaped += token[i];
      }
    }
    tokens.push_back(unescaped);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return tokens;
}

json::NodeId ResolveFragment(const json::Document& doc, std::string_view fragment) {
  json::NodeId id = doc.root();
  for (const std::string& token : FragmentTokens(fragment)) {
    if (id == json::kNoNode) break;
    const json::Node& n = doc.node(id);
    json::NodeId next = json::kNoNode;
    if (n.type == json::Type::kObject) {
      next = doc.Find(n, token);
    } else if (n.type == json::Type::kArray && !token.empty() &&
               token.find_first_not_of("0123456789") == std::string::npos && token.size() < 10) {
      size_t i = std::stoul(token);
      if (i < n.count) next = doc.element(n, i);
    }
    id = next;
  }
  return id;
}

}  // namespace ocilint::schema
