#include "CommonPasswordFiles.h"

#include <Poco/String.h>

#include <fstream>

namespace motel::auth {

namespace {

/// Calls `visit` with each entry of the file, as written, until it returns
/// true; false when the file cannot be read.
template <typename Visit> bool forEachEntry(const std::string& path, Visit visit) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.rfind("#!comment", 0) == 0) continue;
        if (visit(line)) break;
    }
    return true;
}

} // namespace

CommonPasswordFiles::CommonPasswordFiles(const std::vector<std::string>& paths, std::vector<std::string>& warnings) {
    for (const auto& path : paths) {
        std::size_t entries = 0;
        const bool readable = forEachEntry(path, [&entries](std::string&) {
            ++entries;
            return false;
        });
        if (!readable) {
            warnings.push_back("common password list " + path +
                               " cannot be read; install it (scripts/deps) or set plugins.auth.commonPasswordFiles");
            continue;
        }
        files_.push_back(path);
        entries_ += entries;
    }
}

bool CommonPasswordFiles::listsEither(std::string_view lowered, std::string_view alsoLowered) const {
    bool found = false;
    for (const auto& path : files_) {
        forEachEntry(path, [&](std::string& entry) {
            // Lower-casing keeps the length: only an entry as long as a
            // candidate is worth lower-casing and comparing.
            if (entry.size() != lowered.size() && entry.size() != alsoLowered.size()) return false;
            Poco::toLowerInPlace(entry);
            found = (!lowered.empty() && entry == lowered) || (!alsoLowered.empty() && entry == alsoLowered);
            return found;
        });
        if (found) return true;
    }
    return false;
}

} // namespace motel::auth
