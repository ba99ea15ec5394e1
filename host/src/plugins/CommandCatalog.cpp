#include "plugins/CommandCatalog.h"

#include "plugins/ElfSectionReader.h"

#include <motel/sdk/Version.h>

namespace motel::host {

namespace {
constexpr char kSeparator = '\x1f';
}

std::vector<DeclaredCommand> CommandCatalog::parse(const std::string& plugin, const std::string& section) {
    std::vector<DeclaredCommand> out;
    std::size_t start = 0;
    while (start < section.size()) {
        std::size_t end = section.find('\0', start);
        if (end == std::string::npos) end = section.size();
        const std::string entry = section.substr(start, end - start);
        start = end + 1;
        // Empty pieces are the compiler's alignment padding between entries.
        if (entry.empty() || entry == MOTEL_COMMANDS_MARKER) continue;
        const auto separator = entry.find(kSeparator);
        const std::string name = entry.substr(0, separator);
        if (name.empty()) continue;
        out.push_back({plugin, name, separator == std::string::npos ? std::string() : entry.substr(separator + 1)});
    }
    return out;
}

CommandCatalog CommandCatalog::read(const PluginLoader& loader, const std::vector<std::string>& plugins) {
    CommandCatalog catalog;
    for (const auto& plugin : plugins) {
        const auto paths = loader.pathsFor(plugin);
        if (paths.size() != 1) continue;
        try {
            const auto section = ElfSectionReader::read(paths.front(), MOTEL_COMMANDS_SECTION);
            if (!section) {
                catalog.undeclared_.push_back(plugin);
                continue;
            }
            for (auto& command : parse(plugin, *section)) catalog.commands_.push_back(std::move(command));
        } catch (const ElfUnreadable&) {
            // Not a plugin the host could load either; loading it says why.
        }
    }
    return catalog;
}

bool CommandCatalog::declares(const std::string& word) const {
    for (const auto& command : commands_)
        if (command.name == word) return true;
    return false;
}

} // namespace motel::host
