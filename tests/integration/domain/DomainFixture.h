#pragma once
// What every suites/tasks integration scenario needs: a real motel-host with
// health, auth, suites and tasks on a fresh database, an admin (the
// first-admin bootstrap), a manager and two staff users with their tokens,
// and small helpers to call the API and read answers. Scenario classes derive
// from it; a subclass per database (DomainSqliteTest, DomainPostgresTest)
// only says where a fresh database lives.

#include "support/HostProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace motel::test {

/// A running host and the people using it.
struct Motel {
    std::unique_ptr<HostProcess> host;
    std::string admin, manager, staff, otherStaff; ///< tokens
    std::int64_t adminId = 0, managerId = 0, staffId = 0, otherStaffId = 0;
};

class DomainFixture : public CppUnit::TestFixture {
public:
    void tearDown() override;

protected:
    /// A URL of an empty database no other test uses.
    virtual std::string freshDatabaseUrl() = 0;
    /// `sqlite:` URL in a scratch folder removed in tearDown().
    std::string scratchSqliteUrl();

    HostOptions options(const std::string& databaseUrl, std::vector<std::string> plugins = {});
    /// Starts a host (extra config `properties`) and creates the users.
    Motel start(const std::map<std::string, std::string>& properties = {}, std::vector<std::string> plugins = {});

    static std::string login(const HostProcess& host, const std::string& email, const std::string& password);

    // Calls as `token`; `ifMatch` adds `If-Match: "<n>"` when not empty.
    static HttpResult call(const Motel& motel, const std::string& method, const std::string& path,
                           const std::string& token, const std::string& body = "", const std::string& ifMatch = "");
    static Poco::JSON::Object::Ptr object(const HttpResult& result);
    static Poco::JSON::Array::Ptr data(const HttpResult& result);
    static std::vector<std::string> namesOf(const Poco::JSON::Object::Ptr& object);
    /// The envelope's `message` as text: a string, or `[a|b|c]` for a list.
    static std::string messageOf(const HttpResult& result);
    /// Asserts `status`, with the body in the failure message; returns the body object when JSON.
    static Poco::JSON::Object::Ptr expect(int status, const HttpResult& result);
    /// Asserts a 400 whose message list contains `message`.
    static void expectProblem(const HttpResult& result, const std::string& message);

    /// POST /api/suites as the manager; returns the suite.
    static Poco::JSON::Object::Ptr createSuite(const Motel& motel, const std::string& body);
    /// POST /api/tasks as `token`; returns the task.
    static Poco::JSON::Object::Ptr createTask(const Motel& motel, const std::string& token, const std::string& body);
    static Poco::JSON::Object::Ptr getSuite(const Motel& motel, std::int64_t id);
    static Poco::JSON::Object::Ptr getTask(const Motel& motel, std::int64_t id);
    /// POST /api/tasks/:id/<action> as `token`.
    static HttpResult act(const Motel& motel, std::int64_t taskId, const std::string& action, const std::string& token,
                          const std::string& body = "", const std::string& ifMatch = "");
    static std::string text(const Poco::JSON::Object::Ptr& object, const std::string& field);
    static std::int64_t integer(const Poco::JSON::Object::Ptr& object, const std::string& field);
    static std::string path(const std::string& base, std::int64_t id, const std::string& tail = "");

    static constexpr const char* kAdminEmail = "admin@motel.test";
    static constexpr const char* kAdminPassword = "admin-password-1";

private:
    std::vector<std::string> scratchDirs_;
    static std::int64_t createUser(const Motel& motel, const std::string& email, const std::string& role);
};

} // namespace motel::test
