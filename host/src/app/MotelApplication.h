#pragma once
// The motel-host process: a Poco ServerApplication with the commands
// `serve` (default), `migrate`, `seed` and `plugins`, the operator commands
// plugins provide (e.g. `user add`), plus `--config=FILE`
// and `--help`. Finds its default configuration relative to its own binary
// (<prefix>/etc/motel/motel.properties), so an installed host runs with no
// flags.

#include "logging/HostLogging.h"

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace Poco {
class Logger;
}

namespace motel::host {

class HostConfig;

class MotelApplication : public Poco::Util::ServerApplication {
public:
    MotelApplication();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    bool helpRequested_ = false;
    std::string configFile_;
    HostLogging logging_;

    void handleHelp(const std::string& name, const std::string& value);
    void handleConfig(const std::string& name, const std::string& value);
    void printHelp() const;
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
