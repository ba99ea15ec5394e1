#pragma once
// Reads a plugin's ABI stamp straight from its file: the ELF section
// MOTEL_ABI_SECTION that MOTEL_PLUGIN() fills (ElfSectionReader). Nothing is
// mapped or run, so a refused plugin's static initialisers never execute.

#include "plugins/ElfSectionReader.h"

#include <motel/sdk/Version.h>

#include <string>

namespace motel::host {

/// The file is unreadable or has no stamp section; the message says which.
using StampUnreadable = ElfUnreadable;

class ElfStampReader {
public:
    /// The stamp in `path`. Fields a shorter (older) stamp lacks are zero.
    /// Throws StampUnreadable.
    static sdk::AbiStamp read(const std::string& path);
};

} // namespace motel::host
