#pragma once
// The operator commands the configured plugins declare in their files
// (MOTEL_PLUGIN_COMMAND, ELF section MOTEL_COMMANDS_SECTION), read without
// opening any plugin: `motel-host WORD` refuses an unknown WORD, and
// `--help` lists the plugin commands, before any plugin code runs or the
// database is opened.
//
// A plugin library built before SDK 3.1 has no such section: only opening
// it tells its commands, so a word nobody declares is then not known to be
// unknown (mayProvide() is true) and the host opens the plugins to ask.

#include "plugins/PluginLoader.h"

#include <string>
#include <vector>

namespace motel::host {

struct DeclaredCommand {
    std::string plugin;
    std::string name;
    std::string summary;
};

class CommandCatalog {
public:
    /// Reads the files of `plugins` in `loader`'s folders. A plugin whose
    /// file is missing, ambiguous or unreadable declares nothing (loading it
    /// reports why, should anything load it).
    static CommandCatalog read(const PluginLoader& loader, const std::vector<std::string>& plugins);
    /// The entries of one section's bytes: NUL-separated "name<US>summary"
    /// (padding and the marker skipped; an entry without a name ignored).
    static std::vector<DeclaredCommand> parse(const std::string& plugin, const std::string& section);

    const std::vector<DeclaredCommand>& commands() const { return commands_; }
    /// Plugins whose file has no declaration section (built before SDK 3.1).
    const std::vector<std::string>& undeclared() const { return undeclared_; }
    bool declares(const std::string& word) const;
    /// False only when `word` is certainly no plugin's command.
    bool mayProvide(const std::string& word) const { return declares(word) || !undeclared_.empty(); }

private:
    std::vector<DeclaredCommand> commands_;
    std::vector<std::string> undeclared_;
};

} // namespace motel::host
