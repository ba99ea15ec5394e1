#pragma once
// Small helpers the fault suites share: ask until an answer satisfies a
// condition (bounded), time a request, log in as the bootstrap admin.

#include "support/HostProcess.h"

#include <chrono>
#include <functional>
#include <string>

namespace motel::test::faults {

constexpr const char* kAdminEmail = "admin@motel.test";
constexpr const char* kAdminPassword = "admin-password-1";

/// Options for a host with `plugins`, the bootstrap admin and `databaseUrl`.
HostOptions hostOptions(std::vector<std::string> plugins, const std::string& databaseUrl = "");

/// Logs in as the bootstrap admin; asserts 200 and returns the token.
std::string adminToken(const HostProcess& host);

/// Calls `ask` until `done` holds or `patience` passes; returns the last
/// answer. An exception from `ask` (connection refused, timeout) counts as
/// an answer with status 0.
HttpResult until(const std::function<HttpResult()>& ask, const std::function<bool(const HttpResult&)>& done,
                 std::chrono::seconds patience = std::chrono::seconds(30));

/// `ask` once, and how long it took.
HttpResult timed(const std::function<HttpResult()>& ask, std::chrono::milliseconds& took);

/// "<status> <body>" for assertion messages.
std::string describe(const HttpResult& result);

} // namespace motel::test::faults
