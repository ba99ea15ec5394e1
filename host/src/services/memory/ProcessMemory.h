#pragma once
/// Reads this process's real memory use: heap in use from glibc's
/// mallinfo2() and the resident set from /proc/self/statm. Behind
/// sdk::HostInfo::memory(), which the `memory` health check and the metrics
/// plugin's scrape hook both read, so both report the same figures. Cheap enough to call on every scrape (one small
/// file read and one malloc statistics walk).

#include <motel/sdk/HostInfo.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::host {

class ProcessMemory {
public:
    /// `procRoot` is where /proc is mounted (tests point it at a sample tree).
    explicit ProcessMemory(std::string procRoot = "/proc");

    /// Bytes allocated through malloc and still in use (all arenas plus
    /// mmap'ed blocks).
    std::uint64_t heapUsedBytes() const;
    /// Resident set size; 0 when /proc cannot be read.
    std::uint64_t residentBytes() const;

    /// Heap and resident figures; the limit is left for the caller.
    sdk::MemoryFigures read() const;

    /// The resident size in bytes from the text of /proc/<pid>/statm (second
    /// field, in pages); nullopt when the text is not a statm line.
    static std::optional<std::uint64_t> residentFromStatm(const std::string& statm, std::uint64_t pageSize);

private:
    std::string procRoot_;
};

} // namespace motel::host
