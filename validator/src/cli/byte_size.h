#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ocilint::cli {

/// A byte count as --max-size takes it: digits, optional spaces, and an optional unit, any case:
/// B; K, KB, KiB; M, MB, MiB; G, GB, GiB; T, TB, TiB (all powers of 1024, as CLI11's
/// AsSizeValue(false) reads them). Nothing when the text is not one or the count overflows.
std::optional<size_t> ParseByteSize(std::string_view text);

/// A CLI11 transform for SIZE options (--max-size, --max-memory): ParseByteSize, the value
/// replaced by its byte count, or an error naming the text.
CLI::Validator ByteSizeValidator();

}  // namespace ocilint::cli
