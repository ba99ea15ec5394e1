#pragma once
// What every bad-input suite needs: a real host with the standard API
// plugins on a fresh database, an admin token, and the one assertion the
// suites make over and over: the answer is a 4xx in the API's error envelope
// (`{"statusCode","message","error"}`, statusCode equal to the HTTP status)
// and the host still serves afterwards. A subclass says where a fresh
// database lives (SQLite file or a PostgreSQL database).

#include "support/HostProcess.h"

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <string>

namespace motel::test {

class BadInputFixture : public CppUnit::TestFixture {
public:
    void setUp() override;
    void tearDown() override;

protected:
    /// Empty: a SQLite file in the host's folder.
    virtual std::string freshDatabaseUrl() { return ""; }
    /// Extra properties for the host (timeouts, limits).
    virtual std::map<std::string, std::string> hostProperties() { return {}; }

    HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                    const std::string& contentType = "application/json") const;

    /// Asserts a 4xx (or exactly `status` when given) in the error envelope;
    /// `what` names the input in the failure message.
    static void expectClientError(const HttpResult& result, const std::string& what, int status = 0);
    /// Asserts `/health/live` still answers 200.
    void expectHostServes() const;
    /// VmRSS of the host process in KiB (from /proc).
    long hostRssKiB() const;
    /// Threads of the host process (from /proc).
    long hostThreads() const;

    std::unique_ptr<HostProcess> host_;
    std::string admin_; ///< an admin's token

    static constexpr const char* kAdminEmail = "admin@motel.test";
    static constexpr const char* kAdminPassword = "admin-password-1";
};

} // namespace motel::test
