#include "plugins/ElfStampReader.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <vector>

namespace motel::host {

namespace {

/// Bounds-checked reads of a byte range of the file.
class ElfFile {
public:
    explicit ElfFile(const std::string& path) : in_(path, std::ios::binary), path_(path) {
        if (!in_) throw StampUnreadable("cannot open " + path);
        in_.seekg(0, std::ios::end);
        size_ = static_cast<std::uint64_t>(in_.tellg());
    }

    template <class T> T at(std::uint64_t offset) {
        T value{};
        bytes(offset, sizeof(T), &value);
        return value;
    }

    void bytes(std::uint64_t offset, std::uint64_t count, void* out) {
        if (offset > size_ || count > size_ - offset)
            throw StampUnreadable(path_ + " is truncated or not an ELF object");
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(static_cast<char*>(out), static_cast<std::streamsize>(count));
        if (!in_) throw StampUnreadable("cannot read " + path_);
    }

    std::string name(std::uint64_t tableOffset, std::uint64_t tableSize, std::uint32_t index) {
        if (index >= tableSize) return {};
        std::string out;
        for (std::uint64_t i = tableOffset + index; i < tableOffset + tableSize && out.size() < 64; ++i) {
            const char c = at<char>(i);
            if (c == '\0') break;
            out += c;
        }
        return out;
    }

private:
    std::ifstream in_;
    std::string path_;
    std::uint64_t size_ = 0;
};

} // namespace

sdk::AbiStamp ElfStampReader::read(const std::string& path) {
    ElfFile file(path);
    const auto header = file.at<Elf64_Ehdr>(0);
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) throw StampUnreadable(path + " is not an ELF object");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        throw StampUnreadable(path + " is not a 64-bit little-endian ELF object");
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shstrndx >= header.e_shnum)
        throw StampUnreadable(path + " has no usable section table");

    const auto section = [&](std::uint32_t index) {
        return file.at<Elf64_Shdr>(header.e_shoff + static_cast<std::uint64_t>(index) * sizeof(Elf64_Shdr));
    };
    const Elf64_Shdr names = section(header.e_shstrndx);
    for (std::uint32_t i = 0; i < header.e_shnum; ++i) {
        const Elf64_Shdr candidate = section(i);
        if (file.name(names.sh_offset, names.sh_size, candidate.sh_name) != MOTEL_ABI_SECTION) continue;
        if (candidate.sh_type != SHT_PROGBITS || candidate.sh_size < 3 * sizeof(std::uint32_t))
            throw StampUnreadable(path + ": section " MOTEL_ABI_SECTION " holds no stamp");
        // A stamp of another SDK version may be shorter or longer: read what
        // both layouts share; the rest stays zero.
        sdk::AbiStamp stamp{};
        const std::uint64_t count = std::min<std::uint64_t>(candidate.sh_size, sizeof(stamp));
        file.bytes(candidate.sh_offset, count, &stamp);
        return stamp;
    }
    throw StampUnreadable("no ABI stamp (section " MOTEL_ABI_SECTION ") in " + path +
                          " — not built with MOTEL_PLUGIN() of SDK 3 or later");
}

} // namespace motel::host
