#include "app/UsageText.h"

#include <algorithm>
#include <sstream>

namespace motel::host {

namespace {

std::vector<std::string> wordsOf(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string word; in >> word;) words.push_back(word);
    return words;
}

std::string wrapLine(const std::string& line, std::size_t width, std::size_t indent) {
    std::string out;
    std::size_t column = 0;
    for (const auto& word : wordsOf(line)) {
        if (column > 0 && column + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
    }
    return out;
}

std::string section(const std::string& title, const std::vector<UsageEntry>& entries, std::size_t width) {
    if (entries.empty()) return "";
    std::size_t nameWidth = 0;
    for (const auto& entry : entries) nameWidth = std::max(nameWidth, entry.name.size());
    const std::size_t indent = 2 + nameWidth + 2;
    std::string out = title + ":\n";
    for (const auto& entry : entries) {
        const std::string head = "  " + entry.name + std::string(nameWidth - entry.name.size() + 2, ' ');
        std::string text = wrapWords(entry.description, width > indent + 20 ? width - indent : 20);
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1 + indent))
            text.insert(at + 1, indent, ' ');
        out += head + text + "\n";
    }
    return out;
}

} // namespace

std::string wrapWords(const std::string& text, std::size_t width, std::size_t indent) {
    std::string out;
    std::istringstream in(text);
    bool first = true;
    for (std::string line; std::getline(in, line);) {
        if (!first) out += "\n";
        first = false;
        out += wrapLine(line, width, indent);
    }
    return out;
}

std::string formatUsage(const std::string& usageLine, const std::vector<UsageEntry>& commands,
                        const std::vector<UsageEntry>& options, const std::string& footer, std::size_t width) {
    std::string out = wrapWords("usage: " + usageLine, width, 7) + "\n\n";
    out += section("Commands", commands, width) + "\n";
    out += section("Options", options, width);
    if (!footer.empty()) out += "\n" + wrapWords(footer, width) + "\n";
    return out;
}

} // namespace motel::host
