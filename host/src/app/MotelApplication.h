#pragma once
// The motel-host process: the commands
// `serve` (default), `migrate`, `seed`, `plugins` and `cache clear`, the
// operator commands plugins provide (e.g. `user add`), plus `--config=FILE`,
// `--help` and `--version`. An unknown command prints the usage and exits
// 64 before the database is opened or any plugin library opened: plugins
// declare their commands in their files (CommandCatalog). Finds its default
// configuration relative to its own binary
// (<prefix>/etc/motel/motel.properties), so an installed host runs with no
// flags. Options: --config=FILE, --help, --version, and the daemon options
// (cli/DaemonMode.h); parsed by cli/CommandLine.

#include "cli/CommandLine.h"
#include "logging/HostLogging.h"

#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

class HostConfig;

class MotelApplication {
public:
    MotelApplication();

    /// Parses the options, runs the command; the process's exit code.
    int run(int argc, char** argv);

private:
    CommandLine commandLine_;
    std::string commandName_;   ///< "motel-host"
    std::string executableDir_; ///< "<prefix>/bin/"
    bool helpRequested_ = false;
    bool versionRequested_ = false;
    std::string configFile_;
    HostLogging logging_;

    void handleOption(const OptionSpec& option, const std::string& value);
    int main(const std::vector<std::string>& args);
    /// The --help text, wrapped between words at 80 columns; lists the
    /// commands the configured plugins declare (none when the configuration
    /// cannot be read).
    std::string usage() const;
    /// The message and the usage on stderr; EXIT_USAGE (64).
    int usageError(const std::string& message) const;
    std::string prefixDir() const;
    HostConfig loadConfig() const;
    /// SIGHUP: re-read the log levels, reopen log.file; a bad config file
    /// is logged and changes nothing.
    void reload(Poco::Logger& log);

    int serve(HostConfig config);
    int migrate(HostConfig config);
    int seed(HostConfig config);
    int listPlugins(HostConfig config);
    int pluginCommand(HostConfig config, const std::vector<std::string>& args);
};

} // namespace motel::host
