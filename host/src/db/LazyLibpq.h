#pragma once
/// libpq, loaded when the host first talks to PostgreSQL instead of when it
/// starts. Linked directly, libpq brings its TLS, Kerberos and LDAP stack
/// (libssl, libcrypto, gnutls, krb5, ldap, sasl, p11-kit...: about 5 MiB of
/// resident memory) into every host, including the many that run on SQLite.
///
/// Every source of motel_host_core includes this header first (a forced
/// include, see host/CMakeLists.txt). It declares libpq's API as usual
/// (libpq-fe.h) and then redefines each of libpq's function names as a
/// reference to the function that `dlopen("libpq.so.5")` and `dlsym` found
/// (LibpqNames.h, generated from libpq-fe.h at configure time): code calls
/// `PQexec(conn, sql)` and takes `&PQfreemem` as before, and a new libpq call
/// needs no change here.

#include <libpq-fe.h>

#include <cstring>

namespace motel::host::libpq {

/// libpq's function `name`, loading libpq the first time. Throws
/// DatabaseUnavailable (naming the library and dlerror()) when libpq cannot
/// be loaded or lacks the function.
void* symbol(const char* name);

/// The function `Name` of type `F`, looked up once per function.
template <typename F, const char* Name> F& function() {
    static F* const resolved = [] {
        void* address = symbol(Name);
        F* typed = nullptr;
        std::memcpy(&typed, &address, sizeof typed); // object to function pointer, without a pedantic cast
        return typed;
    }();
    return *resolved;
}

} // namespace motel::host::libpq

#include "LibpqNames.h"
