#include "lint/linter.h"

#include "diag/excerpt.h"
#include "diag/rules.h"
#include "json/parser.h"
#include "lint/rules/input_rules.h"
#include "lint/rules/rule_family.h"
#include "lint/spec_links.h"

namespace ocilint::lint {

diag::DocumentKind DetectKind(const json::Document& doc) {
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) {
    return diag::DocumentKind::kConfig;
  }
  const json::Node& root = doc.node(doc.root());
  if (doc.Find(root, "ociVersionMin") != json::kNoNode ||
      doc.Find(root, "ociVersionMax") != json::kNoNode) {
    return diag::DocumentKind::kFeatures;
  }
  if (doc.Find(root, "status") != json::kNoNode && doc.Find(root, "bundle") != json::kNoNode &&
      doc.Find(root, "process") == json::kNoNode && doc.Find(root, "root") == json::kNoNode) {
    return diag::DocumentKind::kState;
  }
  return diag::DocumentKind::kConfig;
}

KindSchemas KindSchemas::FromDirectory(const std::string& dir) {
  return KindSchemas{{schema::SchemaSet::FromDirectory(dir, diag::DocumentKind::kConfig),
                      schema::SchemaSet::FromDirectory(dir, diag::DocumentKind::kFeatures),
                      schema::SchemaSet::FromDirectory(dir, diag::DocumentKind::kState)}};
}

Linter::Linter(std::shared_ptr<const schema::SchemaSet> schema, LintOptions options, Target target,
               Policy policy)
    : validator_(std::move(schema)),
      options_(options),
      target_(std::move(target)),
      policy_(std::move(policy)) {}

void Linter::SetKindSchemas(const KindSchemas& schemas) {
  kind_schemas_ = schemas;
}

const Result<schema::Validator>& Linter::ValidatorFor(diag::DocumentKind kind) const {
  size_t slot = kind == diag::DocumentKind::kFeatures ? 0 : 1;
  std::call_once(other_kinds_once_[slot], [&] {
    Result<std::shared_ptr<const schema::SchemaSet>> set =
        kind_schemas_ ? kind_schemas_->sets[static_cast<size_t>(kind)]
                      : schema::SchemaSet::Embedded(kind);
    if (set) {
      other_kinds_[slot].emplace(schema::Validator(set.value()));
    } else {
      other_kinds_[slot].emplace(set.error());
    }
  });
  return *other_kinds_[slot];
}

diag::FileReport Linter::Unreadable(const std::string& display_path, const Error& error) const {
  diag::FileReport report;
  report.path = display_path;
  report.unreadable = true;
  diag::Diagnostic d;
  bool too_large = error.errno_value == kTooLarge;
  d.rule = std::string(too_large ? rule::kInputTooLarge : rule::kIoError);
  d.severity = diag::Severity::kError;
  d.message = too_large ? error.context : error.message();
  if (too_large) d.help = "raise the limit with --max-size if this file is really a config";
  report.diagnostics.push_back(std::move(d));
  report.suppressed = ApplyPolicy(policy_, nullptr, &report, options_.max_errors_per_file);
  return report;
}

diag::FileReport Linter::LintInput(const Input& input) const {
  Result<std::string> text = ReadInput(input, options_.max_size);
  if (!text) return Unreadable(input.display_path, text.error());
  return LintText(input.display_path, std::move(text.value()), input.bundle_dir);
}

diag::FileReport Linter::LintText(const std::string& display_path, std::string text,
                                  const std::string& bundle_dir) const {
  diag::FileReport report;
  report.path = display_path;
  json::ParseResult parsed = json::Parse(std::move(text), {options_.max_depth});
  const json::Document& doc = *parsed.document;

  auto add = [&](std::string_view rule, diag::Severity severity, std::string pointer, size_t offset,
                 std::string message, std::string help, std::string spec) {
    diag::Diagnostic d;
    d.rule = std::string(rule);
    d.severity = severity;
    d.pointer = std::move(pointer);
    d.offset = offset;
    d.message = std::move(message);
    d.help = std::move(help);
    d.spec = std::move(spec);
    report.diagnostics.push_back(std::move(d));
  };

  for (json::ParseIssue& issue : parsed.issues) {
    bool duplicate = issue.kind == json::ParseIssue::Kind::kDuplicateKey;
    add(duplicate ? rule::kJsonDuplicateKey : rule::kJsonSyntax,
        duplicate ? diag::Severity::kWarning : diag::Severity::kError, std::move(issue.pointer),
        issue.offset, std::move(issue.message), std::move(issue.help), "");
  }

  if (parsed.unreported_duplicates > 0) {
    add(rule::kJsonDuplicateKey, diag::Severity::kWarning, "", doc.source().size(),
        "... and " + std::to_string(parsed.unreported_duplicates) +
            " more duplicate keys, not listed one by one",
        "", "");
  }

  const diag::DocumentKind kind = options_.kind ? *options_.kind : DetectKind(doc);
  report.kind = kind;
  const schema::Validator* validator = &validator_;
  if (kind != diag::DocumentKind::kConfig) {
    const Result<schema::Validator>& other = ValidatorFor(kind);
    if (other) {
      validator = &other.value();
    } else {
      validator = nullptr;
      add(rule::kSchema, diag::Severity::kError, "", 0,
          "the " + std::string(diag::DocumentKindName(kind)) +
              " document is not validated: " + other.error().message(),
          "give a --schema-dir that has " + std::string(diag::SchemaRootFile(kind)) +
              ", or leave --schema-dir out to use the embedded schema",
          "");
    }
  }
  bool schema_valid = false;
  if (!doc.empty() && validator) {
    const json::Node& root = doc.node(doc.root());
    json::NodeId version =
        root.type == json::Type::kObject ? doc.Find(root, "ociVersion") : json::kNoNode;
    if (kind == diag::DocumentKind::kFeatures && root.type == json::Type::kObject) {
      version = doc.Find(root, "ociVersionMax");
    }
    if (version != json::kNoNode && doc.node(version).type == json::Type::kString) {
      report.oci_version = std::string(doc.node(version).text);
    }
    schema_valid = validator->IsValid(doc);
    if (!schema_valid) {
      size_t unreported = 0;
      std::vector<schema::SchemaError> errors =
          validator->Validate(doc, options_.max_errors_per_file, &unreported);
      if (unreported > 0) {
        errors.push_back(
            {doc.source().size(), "",
             "... and " + std::to_string(unreported) + " more schema errors, not listed one by one",
             "oci-lint lists the first " + std::to_string(options_.max_errors_per_file) +
                 " schema errors of a file"});
      }
      if (errors.empty()) {
        errors.push_back({doc.node(doc.root()).offset, "",
                          "internal error: the schema rejected this document without saying why",
                          "please report this as an oci-lint bug"});
      }
      for (schema::SchemaError& error : errors) {
        std::string spec = diag::SpecUrl(SpecAnchorFor(kind, error.pointer));
        add(rule::kSchema, diag::Severity::kError, error.pointer, error.offset,
            std::move(error.message), std::move(error.help), std::move(spec));
      }
    }
  }
  report.schema_valid = schema_valid && parsed.clean_syntax;

  RuleContext context(doc, target_, &report.diagnostics, options_.max_errors_per_file);
  context.set_bundle(bundle_dir);
  for (const RuleFamily* family : AllRuleFamilies()) {
    if (family->check && family->kind == kind) family->check(context);
  }
  context.Finish();
  report.suppressed =
      ApplyPolicy(policy_, doc.empty() ? nullptr : &doc, &report, options_.max_errors_per_file);

  diag::LocateDiagnostics(doc.source(), &report.diagnostics);
  diag::SortDiagnostics(&report.diagnostics);
  return report;
}

}  // namespace ocilint::lint
