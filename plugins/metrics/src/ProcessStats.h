#pragma once
/// The figures behind Prometheus' standard `process_*` metrics (what every
/// official client library exports, so stock dashboards and alerts work):
/// CPU time, resident and virtual memory from /proc/self/stat, open
/// descriptors from /proc/self/fd and the descriptor limit (RLIMIT_NOFILE).

#include <cstdint>
#include <optional>
#include <string>

namespace motel::metrics {

struct ProcessSample {
    double cpuSeconds = 0; ///< user + system time
    std::uint64_t residentBytes = 0;
    std::uint64_t virtualBytes = 0;
    std::uint64_t openFds = 0;
    std::uint64_t maxFds = 0; ///< soft limit; 0 when unlimited or unknown
};

class ProcessStats {
public:
    /// `procRoot` is where /proc is mounted (tests point it at a sample tree).
    explicit ProcessStats(std::string procRoot = "/proc");

    /// Reads the current figures; a part that cannot be read stays 0.
    ProcessSample read() const;

    struct StatFields {
        double cpuSeconds;
        std::uint64_t virtualBytes;
        std::uint64_t residentBytes;
    };
    /// The CPU and memory fields of a /proc/<pid>/stat line; nullopt when
    /// the text is not one. The command name in parentheses may itself hold
    /// spaces and parentheses, so fields are counted after the last ')'.
    static std::optional<StatFields> parseStat(const std::string& stat, long ticksPerSecond, std::uint64_t pageSize);

private:
    std::string procRoot_;
};

} // namespace motel::metrics
