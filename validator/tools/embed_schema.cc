// Build-time tool: embed_schema [--data] OUTPUT.cc FILE.json... writes the C++ source that
// defines ocilint::schema::EmbeddedSchemaFiles() (or, with --data, ocilint::data::
// EmbeddedDataFiles() for validator/data/) over the files' JSON, with the whitespace between
// tokens removed. A schema file is also parsed here, by the project's own parser, and written out
// as the static arrays of its json::Document (nodes, elements, members), so that no oci-lint
// process parses the schema or allocates its tree: start-up is most of the cost of linting one
// config. OUTPUT is rewritten only when its text changes.

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "json/parser.h"
#include "schema/embedded.h"
#include "schema/uri.h"

namespace {

std::string Minify(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      out += c;
      in_string = c == '"';
    }
  }
  return out;
}

void WriteChars(std::ostream& out, std::string_view text) {
  out << '{';
  for (unsigned char c : text) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "'\\x%02x',", c);
    out << hex;
  }
  out << " 0}";
}

const char* TypeName(ocilint::json::Type type) {
  using ocilint::json::Type;
  switch (type) {
    case Type::kNull:
      return "kNull";
    case Type::kBool:
      return "kBool";
    case Type::kNumber:
      return "kNumber";
    case Type::kString:
      return "kString";
    case Type::kArray:
      return "kArray";
    case Type::kObject:
      return "kObject";
  }
  return "kNull";
}

/// Writes the parse tree of file `n` (the minified `json`) as static arrays. A string view that
/// points into the text is written as an offset into kFileN; one decoded from escapes is copied
/// into kDecodedN.
void WriteDocument(std::ostream& out, size_t n, const ocilint::json::Document& doc,
                   std::string* entry) {
  std::string_view source = doc.source();
  std::string decoded;
  std::ostringstream nodes, members;
  auto view = [&](std::string_view text) {
    std::ostringstream v;
    if (text.empty()) return std::string("{}");
    if (text.data() >= source.data() &&
        text.data() + text.size() <= source.data() + source.size()) {
      v << "std::string_view(kFile" << n << " + " << text.data() - source.data() << ", "
        << text.size() << ")";
    } else {
      v << "std::string_view(kDecoded" << n << " + " << decoded.size() << ", " << text.size()
        << ")";
      decoded += text;
    }
    return v.str();
  };
  for (const ocilint::json::Node& node : doc.nodes()) {
    nodes << "    {Type::" << TypeName(node.type) << ", " << (node.boolean ? "true" : "false")
          << ", " << node.offset << ", " << node.first << ", " << node.count << ", "
          << view(node.text) << "},\n";
  }
  for (const ocilint::json::Member& m : doc.members()) {
    members << "    {" << view(m.key) << ", " << m.key_offset << ", " << m.value << "},\n";
  }
  out << "constexpr char kDecoded" << n << "[] = ";
  WriteChars(out, decoded);
  out << ";\nconstexpr json::Node kNodes" << n << "[] = {\n" << nodes.str() << "};\n";
  std::string elements = "{}", member_span = "{}";
  if (!doc.elements().empty()) {
    out << "constexpr json::NodeId kElements" << n << "[] = {";
    for (ocilint::json::NodeId id : doc.elements()) out << id << ',';
    out << "};\n";
    elements = "kElements" + std::to_string(n);
  }
  if (!doc.members().empty()) {
    out << "constexpr json::Member kMembers" << n << "[] = {\n" << members.str() << "};\n";
    member_span = "kMembers" + std::to_string(n);
  }
  *entry = ", kNodes" + std::to_string(n) + ", " + elements + ", " + member_span + ", " +
           std::to_string(doc.root());
}

/// Resolves every "$ref" of file `n` as the schema compiler would (schema/uri.h, base
/// kEmbeddedSchemaBase + name) and writes the table, sorted by the $ref's node, as kRefsN. A $ref
/// that names no embedded file or points at nothing is left out: the compiler then resolves it
/// itself, and reports it.
void WriteRefs(std::ostream& out, size_t n, const std::vector<std::string>& names,
               const std::vector<std::unique_ptr<ocilint::json::Document>>& docs,
               std::string* entry) {
  using namespace ocilint;
  const json::Document& doc = *docs[n];
  std::string base = std::string(schema::kEmbeddedSchemaBase) + names[n];
  std::vector<std::array<size_t, 3>> rows;  // ($ref node, file, target node)
  for (const json::Node& object : doc.nodes()) {
    json::NodeId ref = doc.Find(object, "$ref");
    if (ref == json::kNoNode || doc.node(ref).type != json::Type::kString) continue;
    std::string fragment;
    std::string uri = schema::SplitFragment(schema::JoinUri(base, doc.node(ref).text), &fragment);
    for (size_t file = 0; file < names.size(); ++file) {
      if (schema::StripFragment(std::string(schema::kEmbeddedSchemaBase) + names[file]) != uri) {
        continue;
      }
      json::NodeId target = schema::ResolveFragment(*docs[file], fragment);
      if (target == json::kNoNode) break;
      rows.push_back({ref, file, target});
      break;
    }
  }
  if (rows.empty()) {
    *entry = ", {}";
    return;
  }
  std::sort(rows.begin(), rows.end());
  out << "constexpr EmbeddedRef kRefs" << n << "[] = {\n";
  for (const auto& [ref, file, target] : rows) {
    out << "    {" << ref << ", " << file << ", " << target << "},\n";
  }
  out << "};\n";
  *entry = ", kRefs" + std::to_string(n);
}

}  // namespace

int main(int argc, char** argv) {
  bool data = argc > 1 && std::string(argv[1]) == "--data";
  if (data) {
    --argc;
    ++argv;
  }
  if (argc < 2) {
    std::cerr << "usage: embed_schema [--data] OUTPUT.cc FILE.json...\n";
    return 2;
  }
  const char* space = data ? "data" : "schema";
  const char* function = data ? "EmbeddedDataFiles" : "EmbeddedSchemaFiles";
  std::vector<std::string> names, texts;
  std::vector<std::unique_ptr<ocilint::json::Document>> docs;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::cerr << "embed_schema: cannot read " << argv[i] << '\n';
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::string path = argv[i];
    names.push_back(path.substr(path.find_last_of('/') + 1));
    texts.push_back(Minify(text.str()));
    if (data) continue;
    ocilint::json::ParseResult parsed = ocilint::json::Parse(texts.back());
    if (!parsed.clean_syntax || parsed.document->empty()) {
      std::cerr << "embed_schema: " << argv[i] << " is not valid JSON\n";
      return 1;
    }
    docs.push_back(std::move(parsed.document));
  }
  std::ostringstream body, table;
  for (size_t n = 0; n < names.size(); ++n) {
    body << "constexpr char kFile" << n << "[] = ";
    WriteChars(body, texts[n]);
    body << ";\n";
    std::string parsed, refs;
    if (!data) {
      WriteDocument(body, n, *docs[n], &parsed);
      WriteRefs(body, n, names, docs, &refs);
    }
    table << "    {\"" << names[n] << "\", std::string_view(kFile" << n << ", " << texts[n].size()
          << ")" << parsed << refs << "},\n";
  }
  std::ostringstream source;
  source << "// Generated by validator/tools/embed_schema.cc. Do not edit.\n"
         << "#include \"" << space << "/embedded.h\"\n\nnamespace ocilint::" << space
         << " {\nnamespace {\n"
         << (data ? "" : "using json::Type;\n") << body.str()
         << "\nconstexpr EmbeddedFile kFiles[] = {\n"
         << table.str()
         << (data ? "    {\"\", {}}};\n" : "    {\"\", {}, {}, {}, {}, json::kNoNode, {}}};\n")
         << "}  // namespace\n\n"
         << "std::span<const EmbeddedFile> " << function << "() { return {kFiles, " << argc - 2
         << "}; }\n\n}  // namespace ocilint::" << space << "\n";
  std::ifstream old(argv[1], std::ios::binary);
  std::ostringstream old_text;
  if (old) old_text << old.rdbuf();
  if (old && old_text.str() == source.str()) return 0;
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << source.str();
  return out.good() ? 0 : 1;
}
