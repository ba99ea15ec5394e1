#pragma once
/// Symbol visibility for the SDK.
///
/// Plugins are built with -fvisibility=hidden so two plugins can never clash
/// on a symbol once Poco's ClassLoader has opened them with RTLD_GLOBAL. The
/// few symbols that must cross the boundary say so with these macros.

#if defined(__GNUC__)
#define MOTEL_SDK_API __attribute__((visibility("default")))
#define MOTEL_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define MOTEL_SDK_API
#define MOTEL_PLUGIN_EXPORT
#endif
