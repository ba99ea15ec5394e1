#include "plugins/ElfStampReader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace motel::host {

sdk::AbiStamp ElfStampReader::read(const std::string& path) {
    const auto section = ElfSectionReader::read(path, MOTEL_ABI_SECTION);
    if (!section)
        throw StampUnreadable("no ABI stamp (section " MOTEL_ABI_SECTION ") in " + path +
                              " — not built with MOTEL_PLUGIN() of SDK 3 or later");
    if (section->size() < 3 * sizeof(std::uint32_t))
        throw StampUnreadable(path + ": section " MOTEL_ABI_SECTION " holds no stamp");
    // A stamp of another SDK version may be shorter or longer: read what both
    // layouts share; the rest stays zero.
    sdk::AbiStamp stamp{};
    std::memcpy(&stamp, section->data(), std::min(section->size(), sizeof(stamp)));
    return stamp;
}

} // namespace motel::host
