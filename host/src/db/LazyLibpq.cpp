#include "db/DatabaseErrors.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace motel::host::libpq {

namespace {
/// The soname Debian's libpq5 installs (the one the host was built against).
const char* const kLibrary = "libpq.so.5";
} // namespace

void* symbol(const char* name) {
    static std::once_flag loaded;
    static void* handle = nullptr;
    static std::string failure;
    std::call_once(loaded, [] {
        handle = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* reason = ::dlerror();
            failure = reason ? reason : "unknown reason";
        }
    });
    if (!handle)
        throw DatabaseUnavailable(std::string("the PostgreSQL client library ") + kLibrary +
                                  " cannot be loaded (install libpq5): " + failure);
    void* address = ::dlsym(handle, name);
    if (!address)
        throw DatabaseUnavailable(std::string("the PostgreSQL client library ") + kLibrary + " has no " + name +
                                  " (libpq too old for this host)");
    return address;
}

} // namespace motel::host::libpq
