#include "plugins/ElfSectionReader.h"

#include <elf.h>

#include <cstring>
#include <fstream>

namespace motel::host {

namespace {

/// Bounds-checked reads of a byte range of the file.
class ElfFile {
public:
    explicit ElfFile(const std::string& path) : in_(path, std::ios::binary), path_(path) {
        if (!in_) throw ElfUnreadable("cannot open " + path);
        in_.seekg(0, std::ios::end);
        size_ = static_cast<std::uint64_t>(in_.tellg());
    }

    template <class T> T at(std::uint64_t offset) {
        T value{};
        bytes(offset, sizeof(T), &value);
        return value;
    }

    void bytes(std::uint64_t offset, std::uint64_t count, void* out) {
        if (offset > size_ || count > size_ - offset) throw ElfUnreadable(path_ + " is truncated or not an ELF object");
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(static_cast<char*>(out), static_cast<std::streamsize>(count));
        if (!in_) throw ElfUnreadable("cannot read " + path_);
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

std::optional<std::string> ElfSectionReader::read(const std::string& path, const std::string& name,
                                                  std::uint64_t maxBytes) {
    ElfFile file(path);
    const auto header = file.at<Elf64_Ehdr>(0);
    if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) throw ElfUnreadable(path + " is not an ELF object");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        throw ElfUnreadable(path + " is not a 64-bit little-endian ELF object");
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shstrndx >= header.e_shnum)
        throw ElfUnreadable(path + " has no usable section table");

    const auto section = [&](std::uint32_t index) {
        return file.at<Elf64_Shdr>(header.e_shoff + static_cast<std::uint64_t>(index) * sizeof(Elf64_Shdr));
    };
    const Elf64_Shdr names = section(header.e_shstrndx);
    for (std::uint32_t i = 0; i < header.e_shnum; ++i) {
        const Elf64_Shdr candidate = section(i);
        if (file.name(names.sh_offset, names.sh_size, candidate.sh_name) != name) continue;
        if (candidate.sh_type != SHT_PROGBITS) throw ElfUnreadable(path + ": section " + name + " holds no data");
        if (candidate.sh_size > maxBytes)
            throw ElfUnreadable(path + ": section " + name + " is larger than " + std::to_string(maxBytes) + " bytes");
        std::string bytes(candidate.sh_size, '\0');
        file.bytes(candidate.sh_offset, candidate.sh_size, bytes.data());
        return bytes;
    }
    return std::nullopt;
}

} // namespace motel::host
