#pragma once
// Reads a plugin's ABI stamp straight from its file: the ELF section
// MOTEL_ABI_SECTION that MOTEL_PLUGIN() fills. Nothing is mapped or run, so
// a refused plugin's static initialisers never execute.

#include <motel/sdk/Version.h>

#include <stdexcept>
#include <string>

namespace motel::host {

/// The file is not a readable 64-bit ELF object, or has no stamp section;
/// the message says which.
class StampUnreadable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ElfStampReader {
public:
    /// The stamp in `path`. Fields a shorter (older) stamp lacks are zero.
    /// Throws StampUnreadable.
    static sdk::AbiStamp read(const std::string& path);
};

} // namespace motel::host
