#pragma once
// Reads one named section of a 64-bit ELF file straight from the file:
// nothing is mapped or run, so no static initialiser of the library
// executes. The plugin loader reads a plugin's ABI stamp (MOTEL_ABI_SECTION)
// and its declared commands (MOTEL_COMMANDS_SECTION) this way.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace motel::host {

/// The file is not a readable 64-bit little-endian ELF object; the message
/// says which.
class ElfUnreadable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ElfSectionReader {
public:
    /// The bytes of the data section `name` in `path` (at most `maxBytes`;
    /// a bigger section is refused), or nullopt when the file has none.
    /// Throws ElfUnreadable.
    static std::optional<std::string> read(const std::string& path, const std::string& name,
                                           std::uint64_t maxBytes = 64 * 1024);
};

} // namespace motel::host
