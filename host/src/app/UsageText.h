#pragma once
// The text of `motel-host --help` and of a usage error, wrapped between
// words for a terminal.

#include <string>
#include <vector>

namespace motel::host {

struct UsageEntry {
    std::string name;        ///< "serve", "--config=FILE"
    std::string description; ///< one paragraph, wrapped to the width
};

/// Wraps `text` at `width` columns between words (a word longer than the
/// width stands alone on its line); continuation lines start with `indent`
/// spaces. Line breaks in `text` are kept.
std::string wrapWords(const std::string& text, std::size_t width, std::size_t indent = 0);

/// "usage: ..." then each section's entries, names in a column and
/// descriptions wrapped beside them.
std::string formatUsage(const std::string& usageLine, const std::vector<UsageEntry>& commands,
                        const std::vector<UsageEntry>& options, const std::string& footer, std::size_t width = 80);

} // namespace motel::host
