#include "services/memory/ProcessMemory.h"

#include "services/memory/SmallFile.h"

#include <malloc.h>
#include <unistd.h>

#include <cstddef>
#include <sstream>

// Under a sanitizer, malloc is the sanitizer's own and mallinfo2() reads
// zero; ask its allocator instead, so the figures stay real in those builds.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define MOTEL_SANITIZER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MOTEL_SANITIZER_ALLOCATOR 1
#endif
#ifdef MOTEL_SANITIZER_ALLOCATOR
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace motel::host {

ProcessMemory::ProcessMemory(std::string procRoot) : procRoot_(std::move(procRoot)) {}

std::uint64_t ProcessMemory::heapUsedBytes() const {
#ifdef MOTEL_SANITIZER_ALLOCATOR
    return static_cast<std::uint64_t>(__sanitizer_get_current_allocated_bytes());
#else
    // mallinfo2 (glibc >= 2.33) sums every arena; uordblks is what ordinary
    // allocations hold, hblkhd what large mmap'ed allocations hold.
    const struct mallinfo2 info = ::mallinfo2();
    return static_cast<std::uint64_t>(info.uordblks) + static_cast<std::uint64_t>(info.hblkhd);
#endif
}

std::uint64_t ProcessMemory::residentBytes() const {
    const auto statm = readSmallFile(procRoot_ + "/self/statm");
    if (!statm) return 0;
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    return residentFromStatm(*statm, pageSize > 0 ? static_cast<std::uint64_t>(pageSize) : 4096).value_or(0);
}

sdk::MemoryFigures ProcessMemory::read() const {
    sdk::MemoryFigures snapshot;
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

} // namespace motel::host
