#include "ProcessStats.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>

#include <fstream>
#include <sstream>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace motel::metrics {

namespace {
// Fields of /proc/<pid>/stat counted from 1 (proc(5)); the text after the
// command name starts at field 3.
constexpr std::size_t kFirstFieldAfterName = 3;
constexpr std::size_t kUtime = 14;
constexpr std::size_t kStime = 15;
constexpr std::size_t kVsize = 23;
constexpr std::size_t kRss = 24;

std::string readSmallFile(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::uint64_t countEntries(const std::string& directory) {
    std::uint64_t count = 0;
    try {
        for (Poco::DirectoryIterator it(directory), end; it != end; ++it) ++count;
    } catch (...) {
        return 0;
    }
    return count;
}

std::uint64_t descriptorLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
    return static_cast<std::uint64_t>(limit.rlim_cur);
}
} // namespace

ProcessStats::ProcessStats(std::string procRoot) : procRoot_(std::move(procRoot)) {}

std::optional<ProcessStats::StatFields> ProcessStats::parseStat(const std::string& stat, long ticksPerSecond,
                                                                std::uint64_t pageSize) {
    const auto nameEnd = stat.rfind(')');
    if (nameEnd == std::string::npos || ticksPerSecond <= 0) return std::nullopt;
    std::istringstream rest(stat.substr(nameEnd + 1));
    std::vector<std::string> fields;
    for (std::string field; rest >> field;) fields.push_back(field);
    if (fields.size() < kRss - kFirstFieldAfterName + 1) return std::nullopt;
    const auto at = [&fields](std::size_t number) { return fields[number - kFirstFieldAfterName]; };
    try {
        StatFields parsed{};
        parsed.cpuSeconds = static_cast<double>(std::stoull(at(kUtime)) + std::stoull(at(kStime))) /
                            static_cast<double>(ticksPerSecond);
        parsed.virtualBytes = std::stoull(at(kVsize));
        parsed.residentBytes = std::stoull(at(kRss)) * pageSize;
        return parsed;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

ProcessSample ProcessStats::read() const {
    ProcessSample sample;
    const auto stat = parseStat(readSmallFile(procRoot_ + "/self/stat"), sysconf(_SC_CLK_TCK),
                                static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)));
    if (stat) {
        sample.cpuSeconds = stat->cpuSeconds;
        sample.residentBytes = stat->residentBytes;
        sample.virtualBytes = stat->virtualBytes;
    }
    // Like the official client libraries, this counts the descriptor the
    // listing itself holds while it runs.
    sample.openFds = countEntries(procRoot_ + "/self/fd");
    sample.maxFds = descriptorLimit();
    return sample;
}

} // namespace motel::metrics
