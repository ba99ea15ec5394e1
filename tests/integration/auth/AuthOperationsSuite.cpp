#include "AuthOperationsSuite.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include <unistd.h>

namespace motel::test {

namespace {

std::string credentials(const std::string& email, const std::string& password) {
    return R"({"email":")" + email + R"(","password":")" + password + R"("})";
}

/// The entries of a list envelope whose `action` is `action`, in list order.
std::vector<Poco::JSON::Object::Ptr> withAction(const Poco::JSON::Object::Ptr& list, const std::string& action) {
    std::vector<Poco::JSON::Object::Ptr> found;
    const auto data = list->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i) {
        const auto entry = data->getObject(static_cast<unsigned>(i));
        if (entry->getValue<std::string>("action") == action) found.push_back(entry);
    }
    return found;
}

std::vector<std::string> namesOf(const Poco::JSON::Object::Ptr& object) {
    std::vector<std::string> names;
    object->getNames(names);
    std::sort(names.begin(), names.end());
    return names;
}

void assertEntryShape(const Poco::JSON::Object::Ptr& entry) {
    const std::vector<std::string> expected{"action", "actorId",  "at", "clientAddress", "detail",
                                            "entity", "entityId", "id", "requestId",     "status"};
    CPPUNIT_ASSERT(expected == namesOf(entry));
    CPPUNIT_ASSERT(entry->get("id").isInteger());
    const std::string at = entry->getValue<std::string>("at");
    CPPUNIT_ASSERT_EQUAL(std::size_t(24), at.size());
    CPPUNIT_ASSERT_EQUAL('Z', at.back());
}

} // namespace

int AuthOperationsSuite::runHostCommand(const HostOptions& options, const std::vector<std::string>& args,
                                        const std::string& input, std::string& output) {
    static std::atomic<int> counter{0};
    const std::string dir =
        Poco::Path::temp() + "motel-auth-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    Poco::File(dir).createDirectories();
    scratchDirs_.push_back(dir);
    const std::string config = dir + "/motel.properties";
    {
        std::ofstream out(config);
        out << "motel.env = development\nhttp.host = 127.0.0.1\nhttp.port = 0\n"
            << "plugins.dir = " << MOTEL_TEST_PLUGIN_DIR << "\n";
        std::string plugins;
        for (const auto& plugin : options.plugins) plugins += (plugins.empty() ? "" : ",") + plugin;
        out << "plugins.load = " << plugins << "\n"
            << "db.url = " << options.databaseUrl << "\n";
        for (const auto& [key, value] : options.properties) out << key << " = " << value << "\n";
    }
    std::vector<std::string> argv{"--config=" + config};
    argv.insert(argv.end(), args.begin(), args.end());
    Poco::Process::Env env(options.environment.begin(), options.environment.end());
    Poco::Pipe in;
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(MOTEL_TEST_HOST_BINARY, argv, dir, &in, &out, &out, env);
    {
        Poco::PipeOutputStream stdinStream(in);
        stdinStream << input;
        stdinStream.close(); // end of input
    }
    Poco::PipeInputStream stdoutStream(out);
    output.clear();
    Poco::StreamCopier::copyToString(stdoutStream, output);
    return handle.wait();
}

Poco::JSON::Object::Ptr AuthOperationsSuite::waitForAudit(const HostProcess& host, const std::string& token,
                                                          const std::string& query, std::size_t minimum) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        const auto result = host.json("GET", "/api/audit" + query, "", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result.body, 200, result.status);
        auto list = object(result);
        if (list->getArray("data")->size() >= minimum || std::chrono::steady_clock::now() > deadline) return list;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void AuthOperationsSuite::auditTrailRecordsMutationsAndLogins() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto adminId = object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id");

    const auto created =
        host->json("POST", "/api/users", usersBody("Maid@Motel.Test", "staff", "maid-password"), admin);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 201, created.status);
    const auto maidId = object(created)->getValue<Poco::Int64>("id");
    const auto renamed =
        host->json("PATCH", "/api/users/" + std::to_string(maidId), R"({"name":"Maid Marian"})", admin);
    CPPUNIT_ASSERT_EQUAL(200, renamed.status);
    CPPUNIT_ASSERT_EQUAL(400, host->json("PATCH", "/api/users/" + std::to_string(maidId), R"({"role":"x"})", admin)
                                  .status); // refused: not a mutation, not audited
    CPPUNIT_ASSERT_EQUAL(401,
                         host->json("POST", "/api/auth/login", credentials("MAID@motel.test", "guess-guess-1")).status);

    // login.success (admin), POST, PATCH, login.failure
    const auto list = waitForAudit(*host, admin, "", 4);
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(4), list->getValue<Poco::Int64>("total"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(50), list->getValue<Poco::Int64>("limit"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), list->getValue<Poco::Int64>("offset"));
    const auto data = list->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i) assertEntryShape(data->getObject(static_cast<unsigned>(i)));
    // Newest first: the failed login is the last thing that happened.
    CPPUNIT_ASSERT_EQUAL(std::string("login.failure"), data->getObject(0)->getValue<std::string>("action"));

    const auto create = withAction(list, "POST /api/users");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), create.size());
    CPPUNIT_ASSERT_EQUAL(adminId, create[0]->getValue<Poco::Int64>("actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("users"), create[0]->getValue<std::string>("entity"));
    CPPUNIT_ASSERT_EQUAL(std::to_string(maidId), create[0]->getValue<std::string>("entityId"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(201), create[0]->getValue<Poco::Int64>("status"));
    CPPUNIT_ASSERT_EQUAL(created.header("x-request-id"), create[0]->getValue<std::string>("requestId"));
    CPPUNIT_ASSERT_EQUAL(std::string("127.0.0.1"), create[0]->getValue<std::string>("clientAddress"));
    CPPUNIT_ASSERT(create[0]->isNull("detail"));

    const auto patch = withAction(list, "PATCH /api/users/:id");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), patch.size());
    CPPUNIT_ASSERT_EQUAL(std::to_string(maidId), patch[0]->getValue<std::string>("entityId"));

    const auto failure = withAction(list, "login.failure");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), failure.size());
    CPPUNIT_ASSERT_EQUAL(maidId, failure[0]->getValue<Poco::Int64>("actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("auth"), failure[0]->getValue<std::string>("entity"));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(401), failure[0]->getValue<Poco::Int64>("status"));
    CPPUNIT_ASSERT_EQUAL(std::string("maid@motel.test"), failure[0]->getValue<std::string>("detail"));

    const auto success = withAction(list, "login.success");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), success.size()); // the login route itself is not a second row
    CPPUNIT_ASSERT_EQUAL(adminId, success[0]->getValue<Poco::Int64>("actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("root@motel.test"), success[0]->getValue<std::string>("detail"));

    const auto all = host->json("GET", "/api/audit", "", admin);
    CPPUNIT_ASSERT_EQUAL(std::string::npos, all.body.find("guess-guess-1"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, all.body.find(kAdminPassword));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, all.body.find("maid-password"));
    CPPUNIT_ASSERT_EQUAL(std::string::npos, all.body.find(admin));
}

void AuthOperationsSuite::auditListFiltersSortsAndRefusesNonAdmins() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto adminId = object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id");
    createUser(*host, admin, "chief@motel.test", "manager");
    createUser(*host, admin, "maid@motel.test", "staff");
    const std::string manager = login(*host, "chief@motel.test", "user-password-1");
    const std::string staff = login(*host, "maid@motel.test", "user-password-1");
    const auto managerId = object(host->json("GET", "/api/auth/me", "", manager))->getValue<Poco::Int64>("id");

    // 3 logins + 2 creations
    const auto everything = waitForAudit(*host, admin, "?sort=at", 5);
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), everything->getValue<Poco::Int64>("total"));
    const auto oldest = everything->getArray("data")->getObject(0);
    CPPUNIT_ASSERT_EQUAL(std::string("login.success"), oldest->getValue<std::string>("action"));
    CPPUNIT_ASSERT_EQUAL(adminId, oldest->getValue<Poco::Int64>("actorId"));

    const auto byAdmin = object(host->json("GET", "/api/audit?actorId=" + std::to_string(adminId), "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), byAdmin->getValue<Poco::Int64>("total")); // login + 2 creations
    const auto byManager = object(host->json("GET", "/api/audit?actorId=" + std::to_string(managerId), "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(1), byManager->getValue<Poco::Int64>("total"));
    const auto logins = object(host->json("GET", "/api/audit?entity=auth&action=login.success", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(3), logins->getValue<Poco::Int64>("total"));
    const auto paged = object(host->json("GET", "/api/audit?entity=users&limit=1&offset=1", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(2), paged->getValue<Poco::Int64>("total"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), paged->getArray("data")->size());
    const auto future = object(host->json("GET", "/api/audit?from=2999-01-01T00:00:00.000Z", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), future->getValue<Poco::Int64>("total"));
    const auto past =
        object(host->json("GET", "/api/audit?to=2000-01-01T00:00:00Z&from=1999-01-01T00:00:00Z", "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), past->getValue<Poco::Int64>("total"));
    const std::string since = oldest->getValue<std::string>("at");
    const auto window = object(host->json("GET", "/api/audit?from=" + since, "", admin));
    CPPUNIT_ASSERT_EQUAL(Poco::Int64(5), window->getValue<Poco::Int64>("total")); // `from` is inclusive

    CPPUNIT_ASSERT_EQUAL(403, host->json("GET", "/api/audit", "", manager).status);
    CPPUNIT_ASSERT_EQUAL(403, host->json("GET", "/api/audit", "", staff).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/audit").status);
    const auto bad = host->json("GET", "/api/audit?from=yesterday&actorId=me&sort=id", "", admin);
    CPPUNIT_ASSERT_EQUAL(400, bad.status);
    CPPUNIT_ASSERT(bad.body.find("from must be a valid ISO 8601 date string") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::size_t(3), object(bad)->getArray("message")->size());
}

void AuthOperationsSuite::passwordChangeRevokesEarlierTokens() {
    auto host = startHost();
    const std::string admin = login(*host, kAdminEmail, kAdminPassword);
    const auto maidId = createUser(*host, admin, "maid@motel.test", "staff", "maid-password-1");
    const std::string path = "/api/users/" + std::to_string(maidId);
    const std::string first = login(*host, "maid@motel.test", "maid-password-1");
    const std::string second = login(*host, "maid@motel.test", "maid-password-1"); // another device
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", first).status);

    // Other changes keep the sessions.
    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"name":"Maid Marian"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", first).status);

    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", path, R"({"password":"maid-password-2"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", first).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", second).status);
    CPPUNIT_ASSERT_EQUAL(
        401, host->json("POST", "/api/auth/login", credentials("maid@motel.test", "maid-password-1")).status);
    const std::string fresh = login(*host, "maid@motel.test", "maid-password-2");
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/auth/me", "", fresh).status);

    // An admin changing their own password ends their own earlier sessions too.
    const std::string me =
        "/api/users/" +
        std::to_string(object(host->json("GET", "/api/auth/me", "", admin))->getValue<Poco::Int64>("id"));
    CPPUNIT_ASSERT_EQUAL(200, host->json("PATCH", me, R"({"password":"root-password-2"})", admin).status);
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/users", "", admin).status);
    CPPUNIT_ASSERT_EQUAL(200, host->json("GET", "/api/users", "", login(*host, kAdminEmail, "root-password-2")).status);
}

void AuthOperationsSuite::userCommandRecoversAccountsWithoutSql() {
    const auto opts = options(freshDatabaseUrl());
    std::string output;
    CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0,
                                 runHostCommand(opts, {"user", "add", "night@motel.test", "Night Manager", "manager"},
                                                "night-password-1\n", output));
    CPPUNIT_ASSERT(output.find("created user") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(std::string::npos, output.find("night-password-1"));

    CPPUNIT_ASSERT_EQUAL(64, runHostCommand(opts, {"user", "add", "x@motel.test"}, "", output));
    CPPUNIT_ASSERT(output.find("usage: motel-host user add EMAIL NAME [ROLE]") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(65, runHostCommand(opts, {"user", "add", "y@motel.test", "Y"}, "short\n", output));
    CPPUNIT_ASSERT(output.find("password must be longer than or equal to 12 characters") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(65, runHostCommand(opts, {"user", "add", "y@motel.test", "Y"}, "Password2024!\n", output));
    CPPUNIT_ASSERT(output.find("password is too common") != std::string::npos);
    CPPUNIT_ASSERT_EQUAL(65, runHostCommand(opts, {"user", "passwd", "night@motel.test"}, "winniethepooh\n", output));

    auto host = startHost(opts);
    const auto night = host->json("POST", "/api/auth/login", credentials("night@motel.test", "night-password-1"));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(night.body, 200, night.status);
    CPPUNIT_ASSERT_EQUAL(std::string("manager"), object(night)->getObject("user")->getValue<std::string>("role"));

    // The admin forgot the password: reset it from the shell while the host runs.
    const std::string before = login(*host, kAdminEmail, kAdminPassword);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(
        output, 0, runHostCommand(opts, {"user", "passwd", "ROOT@motel.test"}, "recovered-password\n", output));
    CPPUNIT_ASSERT_EQUAL(401, host->json("GET", "/api/auth/me", "", before).status); // earlier tokens revoked
    const std::string admin = login(*host, kAdminEmail, "recovered-password");

    CPPUNIT_ASSERT_EQUAL(0, runHostCommand(opts, {"user", "disable", "night@motel.test"}, "", output));
    CPPUNIT_ASSERT_EQUAL(
        401, host->json("POST", "/api/auth/login", credentials("night@motel.test", "night-password-1")).status);
    CPPUNIT_ASSERT_EQUAL(0, runHostCommand(opts, {"user", "list"}, "", output));
    CPPUNIT_ASSERT(output.find("night@motel.test") != std::string::npos);
    CPPUNIT_ASSERT(output.find("Root@Motel.Test") != std::string::npos);

    const auto trail = waitForAudit(*host, admin, "?entity=users&sort=at", 3);
    const auto add = withAction(trail, "cli.user.add");
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), add.size());
    CPPUNIT_ASSERT_EQUAL(std::string("local"), add[0]->getValue<std::string>("clientAddress"));
    CPPUNIT_ASSERT(add[0]->isNull("actorId"));
    CPPUNIT_ASSERT_EQUAL(std::string("night@motel.test"), add[0]->getValue<std::string>("detail"));
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), withAction(trail, "cli.user.passwd").size());
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), withAction(trail, "cli.user.disable").size());
}

} // namespace motel::test
