#include "ProcessMemory.h"

#include "SmallFile.h"

#include <malloc.h>
#include <unistd.h>

#include <sstream>

namespace motel::health {

ProcessMemory::ProcessMemory(std::string procRoot) : procRoot_(std::move(procRoot)) {}

std::uint64_t ProcessMemory::heapUsedBytes() const {
    // mallinfo2 (glibc >= 2.33) sums every arena; uordblks is what ordinary
    // allocations hold, hblkhd what large mmap'ed allocations hold.
    const struct mallinfo2 info = ::mallinfo2();
    return static_cast<std::uint64_t>(info.uordblks) + static_cast<std::uint64_t>(info.hblkhd);
}

std::uint64_t ProcessMemory::residentBytes() const {
    const auto statm = readSmallFile(procRoot_ + "/self/statm");
    if (!statm) return 0;
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    return residentFromStatm(*statm, pageSize > 0 ? static_cast<std::uint64_t>(pageSize) : 4096).value_or(0);
}

MemorySnapshot ProcessMemory::read() const {
    MemorySnapshot snapshot;
    snapshot.heapUsedBytes = heapUsedBytes();
    snapshot.residentBytes = residentBytes();
    return snapshot;
}

std::optional<std::uint64_t> ProcessMemory::residentFromStatm(const std::string& statm, std::uint64_t pageSize) {
    // "size resident shared text lib data dt", all in pages.
    std::istringstream fields(statm);
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    if (!(fields >> size >> resident)) return std::nullopt;
    return resident * pageSize;
}

} // namespace motel::health
