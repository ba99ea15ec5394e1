#pragma once
/// The SDK's ABI version and the stamp every plugin carries.
///
/// MOTEL_PLUGIN() puts the stamp in its own ELF section, `motel_abi`. The host
/// reads that section from the file (no dlopen, so no static initialiser or
/// any other plugin code runs) and opens only a plugin whose stamp matches,
/// once; a refused plugin's message names each field, expected vs actual.
///
/// Bump MOTEL_SDK_ABI_MAJOR on every change to a class layout or vtable of
/// the ABI core (Motel::sdk); bump MOTEL_SDK_ABI_MINOR for additive changes
/// (new free functions, new headers, a virtual appended to the end of an
/// interface only the host implements, such as SqlSession::forEachRow in
/// 3.1) that older plugins keep working with: they never reach the new
/// entry, and a newer plugin's stamp (minor above the host's) is refused.
/// Helpers of the kit (Motel::sdk_kit) are compiled into each plugin and
/// never change the ABI.

#include <Poco/Version.h>

#include <cstdint>

#define MOTEL_SDK_ABI_MAJOR 3
#define MOTEL_SDK_ABI_MINOR 3
#define MOTEL_SDK_VERSION_STRING "3.3.0"

#if defined(__GXX_ABI_VERSION)
#define MOTEL_CXX_ABI __GXX_ABI_VERSION
#else
#define MOTEL_CXX_ABI 0
#endif

// The C++ standard library's ABI: which std::string/std::list layout
// (_GLIBCXX_USE_CXX11_ABI) and which libstdc++ release the code was compiled
// against. <cstdint> above defines the macros.
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define MOTEL_CXX11_ABI _GLIBCXX_USE_CXX11_ABI
#else
#define MOTEL_CXX11_ABI 0
#endif
#if defined(_GLIBCXX_RELEASE)
#define MOTEL_LIBSTDCXX_RELEASE _GLIBCXX_RELEASE
#else
#define MOTEL_LIBSTDCXX_RELEASE 0
#endif

/// The ELF section MOTEL_PLUGIN() puts the stamp in.
#define MOTEL_ABI_SECTION "motel_abi"

/// The ELF section of a plugin's declared operator commands
/// (MOTEL_PLUGIN_COMMAND in Plugin.h, SDK 3.1): NUL-terminated entries,
/// "name\x1fsummary" each, plus MOTEL_COMMANDS_MARKER from MOTEL_PLUGIN().
/// Data only, read from the file; a 3.0 host ignores the section. (ABI 3.1
/// is for Plugin::checkSettings(), a virtual function added at the end:
/// the host calls it only on plugins stamped 3.1 or later; ABI 3.2 for the
/// new header EventLoops.h, SDK 3.2.)
#define MOTEL_COMMANDS_SECTION "motel_commands"
#define MOTEL_COMMANDS_MARKER "motel-commands/1"

namespace motel::sdk {

/// What a plugin library was built against: plain, fixed-size data, so the
/// host can read it straight from the file. The first three fields keep their
/// place in every SDK version, so even a stamp of another layout gets a clear
/// "SDK ABI major" message.
struct AbiStamp {
    std::uint32_t magic;           ///< always kAbiMagic; anything else is not a Motel plugin
    std::int32_t sdkMajor;         ///< must equal the host's
    std::int32_t sdkMinor;         ///< must be <= the host's
    std::uint32_t size;            ///< sizeof(AbiStamp) of the plugin's SDK
    std::uint64_t pocoVersion;     ///< POCO_VERSION; major.minor must equal the host's
    std::int32_t cxxAbi;           ///< __GXX_ABI_VERSION; must equal the host's
    std::int32_t cxx11Abi;         ///< _GLIBCXX_USE_CXX11_ABI; must equal the host's
    std::int32_t libstdcxxRelease; ///< _GLIBCXX_RELEASE; must be <= the host's
    std::int32_t reserved;         ///< 0
};

constexpr std::uint32_t kAbiMagic = 0x4d4f5445; // "MOTE"

/// The stamp of the code being compiled right now (host or plugin).
constexpr AbiStamp currentAbiStamp() {
    return AbiStamp{kAbiMagic,
                    MOTEL_SDK_ABI_MAJOR,
                    MOTEL_SDK_ABI_MINOR,
                    static_cast<std::uint32_t>(sizeof(AbiStamp)),
                    static_cast<std::uint64_t>(POCO_VERSION),
                    MOTEL_CXX_ABI,
                    MOTEL_CXX11_ABI,
                    MOTEL_LIBSTDCXX_RELEASE,
                    0};
}

} // namespace motel::sdk
