# Finds the Debian bookworm packages the project builds on.

# The host talks to SQLite and PostgreSQL through their C libraries
# (host/src/db) and serves HTTP with its own epoll server (host/src/http):
# shipped code needs Poco's Foundation and JSON (the auth plugin signs and
# checks its tokens itself, with libsodium's HMAC). Poco::Net (test clients),
# Poco::Data (the tests' PostgreSQL helper), Poco::JWT + Crypto (tokens made
# independently of the plugin, in the auth tests) and Poco::Util (the
# reference the host's properties reader and option parser are compared
# with) are for the tests only: the host parses its command line and reads
# its properties file itself (host/src/cli, host/src/config), so PocoUtil and
# PocoXML stay out of its memory.
find_package(PostgreSQL REQUIRED)
find_package(SQLite3 REQUIRED)
# Poco's CMake config for DataPostgreSQL links PostgreSQL::client, which
# Debian's FindPostgreSQL does not define.
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()

find_package(Poco 1.11 REQUIRED COMPONENTS Foundation JSON)
if(MOTEL_BUILD_TESTS)
  find_package(Poco 1.11 REQUIRED COMPONENTS Net Data DataPostgreSQL JWT Crypto Util)
endif()
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
# No libsystemd: the host speaks systemd's notification protocol itself
# (host/src/app/ServiceNotifier), which keeps libsystemd's dependencies
# (libgcrypt, liblzma, libzstd, liblz4, libcap) out of its memory.
find_package(prometheus-cpp CONFIG REQUIRED COMPONENTS core)
