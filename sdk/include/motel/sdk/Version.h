#pragma once
/// The SDK's ABI version and the stamp every plugin carries.
///
/// The host reads a plugin's stamp (plain data, no plugin code runs) before it
/// calls anything in the library, and refuses a plugin whose stamp differs in
/// any field that matters, printing each field expected vs actual.
///
/// Bump MOTEL_SDK_ABI_MAJOR on every change to a class layout or vtable in the
/// SDK; bump MOTEL_SDK_ABI_MINOR for additive changes (new free functions, new
/// headers) that older plugins keep working with.

#include <Poco/Version.h>

#define MOTEL_SDK_ABI_MAJOR 3
#define MOTEL_SDK_ABI_MINOR 0
#define MOTEL_SDK_VERSION_STRING "3.0.0"

#if defined(__GXX_ABI_VERSION)
#define MOTEL_CXX_ABI __GXX_ABI_VERSION
#else
#define MOTEL_CXX_ABI 0
#endif

namespace motel::sdk {

/// What a plugin library was built against. Kept a plain C struct so the host
/// can read it with dlsym before trusting anything else in the library.
struct AbiStamp {
    unsigned magic;        ///< always kAbiMagic; anything else is not a Motel plugin
    int sdkMajor;          ///< must equal the host's
    int sdkMinor;          ///< must be <= the host's
    unsigned long pocoVersion; ///< POCO_VERSION; major.minor must equal the host's
    int cxxAbi;            ///< __GXX_ABI_VERSION; must equal the host's
};

constexpr unsigned kAbiMagic = 0x4d4f5445; // "MOTE"

/// The stamp of the code being compiled right now (host or plugin).
constexpr AbiStamp currentAbiStamp() {
    return AbiStamp{kAbiMagic, MOTEL_SDK_ABI_MAJOR, MOTEL_SDK_ABI_MINOR,
                    static_cast<unsigned long>(POCO_VERSION), MOTEL_CXX_ABI};
}

} // namespace motel::sdk
