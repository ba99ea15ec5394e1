#include "logging/HostLogging.h"
#include "config/HostConfig.h"
#include "logging/JsonLogFormatter.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

#include <algorithm>
#include <vector>

namespace motel::host {

namespace {
Poco::AutoPtr<Poco::Formatter> formatterFor(const std::string& format) {
    if (format == "json") return new JsonLogFormatter;
    Poco::AutoPtr<Poco::PatternFormatter> text(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    text->setProperty("times", "UTC");
    return text;
}

// Sets `level` on the logger `name` (created if needed, so loggers made
// later below it inherit the level) and on every existing logger below it.
void setLevelFrom(const std::string& name, int level) {
    if (name.empty()) {
        Poco::Logger::root().setLevel(level);
        std::vector<std::string> names;
        Poco::Logger::names(names);
        for (const auto& each : names) Poco::Logger::get(each).setLevel(level);
        return;
    }
    Poco::Logger::get(name).setLevel(level);
    Poco::Logger::setLevel(name, level);
}
} // namespace

HostLogging::~HostLogging() {
    flush();
}

void HostLogging::configure(const HostConfig& config) {
    Poco::AutoPtr<Poco::Channel> sink;
    if (config.logFile().empty()) {
        sink = new Poco::ConsoleChannel;
    } else {
        file_ = new Poco::FileChannel(config.logFile());
        file_->open(); // fails here, at start, when the file cannot be written
        sink = file_;
    }
    async_ = new BatchingAsyncChannel(formatterFor(config.logFormat()), sink);
    Poco::Logger::root().setChannel(async_);
    std::vector<std::string> names;
    Poco::Logger::names(names);
    for (const auto& name : names) Poco::Logger::get(name).setChannel(async_);
    applyLevels(config);
}

void HostLogging::applyLevels(const HostConfig& config) {
    setLevelFrom("", Poco::Logger::parseLevel(config.logLevel()));
    // Parents before children, so a child's own level wins over its parent's.
    const auto levels = config.loggerLevels();
    std::vector<std::pair<std::string, std::string>> ordered(levels.begin(), levels.end());
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
    for (const auto& [name, level] : ordered) setLevelFrom(name, Poco::Logger::parseLevel(level));
}

void HostLogging::reopenFiles() {
    // FileChannel serialises close() with the writer thread's log(); the
    // next line opens the path again.
    if (file_) file_->close();
}

void HostLogging::flush() {
    if (async_) async_->close();
}

} // namespace motel::host
