// scripts/backup and scripts/restore as an operator runs them, on SQLite and
// on PostgreSQL: data made through a real host's API is backed up while the
// host serves, the database is wiped, the backup restored, and a restarted
// host answers every suite and task exactly as before (and not a change
// made after the backup).
#include "support/HostProcess.h"
#include "support/TestPostgres.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <functional>
#include <string>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

namespace {

const std::string kScripts = std::string(MOTEL_TEST_SOURCE_DIR) + "/scripts/";

int run(const std::string& command, const std::vector<std::string>& args, std::string& output,
        const Poco::Process::Env& env = {}) {
    Poco::Pipe in; // never a terminal: scripts/restore cannot ask
    Poco::Pipe out;
    Poco::ProcessHandle handle = Poco::Process::launch(command, args, "", &in, &out, &out, env);
    in.close();
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, output);
    return handle.wait();
}

std::string field(const HttpResult& result, const std::string& name) {
    return result.json().extract<Poco::JSON::Object::Ptr>()->get(name).toString();
}

/// A temp folder removed when the test ends.
struct ScratchDir {
    std::string path = Poco::Path::temp() + "motel-backup-test-" + std::to_string(::getpid()) + "-" +
                       std::to_string(reinterpret_cast<std::uintptr_t>(this));
    ScratchDir() { Poco::File(path).createDirectories(); }
    ~ScratchDir() {
        try {
            Poco::File(path).remove(true);
        } catch (...) {
        }
    }
};

} // namespace

class BackupRestoreTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BackupRestoreTest);
    CPPUNIT_TEST(sqliteBackupRestoresEverySuiteAndTask);
    CPPUNIT_TEST(postgresBackupRestoresEverySuiteAndTask);
    CPPUNIT_TEST(backupIsPrivateAndRestoreAsksFirst);
    CPPUNIT_TEST_SUITE_END();

public:
    void sqliteBackupRestoresEverySuiteAndTask() {
        ScratchDir scratch;
        const std::string file = scratch.path + "/motel.db";
        roundTrip("sqlite:" + file, scratch.path + "/motel-backup.db", [&file] {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                Poco::File part(file + suffix);
                if (part.exists()) part.remove();
            }
        });
    }

    void postgresBackupRestoresEverySuiteAndTask() {
        ScratchDir scratch;
        const std::string url = freshPostgresDatabase();
        roundTrip(url, scratch.path + "/motel.dump", [&url] {
            std::string output;
            const int code = run(
                "psql", {"-q", "-v", "ON_ERROR_STOP=1", url, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"},
                output);
            CPPUNIT_ASSERT_EQUAL_MESSAGE("wiping with psql: " + output, 0, code);
        });
    }

private:
    static HostOptions optionsFor(const std::string& databaseUrl) {
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks"};
        options.databaseUrl = databaseUrl;
        options.environment["MOTEL_ADMIN_EMAIL"] = "admin@motel.test";
        options.environment["MOTEL_ADMIN_PASSWORD"] = "backup-test-password";
        return options;
    }

    static std::string login(const HostProcess& host) {
        const auto answer =
            host.json("POST", "/api/auth/login", R"({"email":"admin@motel.test","password":"backup-test-password"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.body, 200, answer.status);
        return field(answer, "accessToken");
    }

    /// Suites and tasks as the API lists them (every one: fewer than 200).
    static std::string everything(const HostProcess& host, const std::string& token) {
        const auto suites = host.json("GET", "/api/suites?limit=200", "", token);
        const auto tasks = host.json("GET", "/api/tasks?limit=200", "", token);
        CPPUNIT_ASSERT_EQUAL(200, suites.status);
        CPPUNIT_ASSERT_EQUAL(200, tasks.status);
        return suites.body + "\n" + tasks.body;
    }

    /// Suites in every state and tasks through their actions, plus the
    /// check-out effect (a cleaning task the host creates itself).
    static void seed(const HostProcess& host, const std::string& token) {
        for (int i = 1; i <= 6; ++i) {
            const auto suite = host.json("POST", "/api/suites",
                                         R"({"number":"B)" + std::to_string(100 + i) + R"(","floor":)" +
                                             std::to_string(i % 3) + (i % 2 ? R"(,"occupancy":"occupied")" : "") + "}",
                                         token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(suite.body, 201, suite.status);
            const std::string id = field(suite, "id");
            const auto task = host.json("POST", "/api/tasks",
                                        R"({"suiteId":)" + id + R"(,"type":"maintenance","title":"Fix lamp )" + id +
                                            R"(","priority":"high"})",
                                        token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(task.body, 201, task.status);
            if (i % 2) {
                const std::string taskId = field(task, "id");
                CPPUNIT_ASSERT_EQUAL(200, host.json("POST", "/api/tasks/" + taskId + "/start", "", token).status);
                CPPUNIT_ASSERT_EQUAL(
                    200, host.json("PATCH", "/api/suites/" + id, R"({"occupancy":"vacant"})", token).status);
            }
        }
        const auto loose = host.json("POST", "/api/tasks", R"({"type":"other","title":"Order towels"})", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(loose.body, 201, loose.status);
    }

    static void roundTrip(const std::string& databaseUrl, const std::string& backupFile,
                          const std::function<void()>& wipe) {
        const auto options = optionsFor(databaseUrl);
        std::string before;
        {
            HostProcess host(options);
            const std::string token = login(host);
            seed(host, token);
            before = everything(host, token);

            std::string output;
            const int code = run(kScripts + "backup", {"--database-url", databaseUrl, backupFile}, output);
            CPPUNIT_ASSERT_EQUAL_MESSAGE("scripts/backup: " + output, 0, code);

            // Made after the backup: the restore must not bring it back.
            const auto later = host.json("POST", "/api/suites", R"({"number":"after-backup","floor":9})", token);
            CPPUNIT_ASSERT_EQUAL(201, later.status);
            CPPUNIT_ASSERT_EQUAL(0, host.stop());
        }

        wipe();
        {
            HostProcess empty(options); // a wiped database: migrations again, no suites
            const auto suites = empty.json("GET", "/api/suites", "", login(empty));
            CPPUNIT_ASSERT_MESSAGE(suites.body, suites.body.find("\"total\":0") != std::string::npos);
        }
        wipe();

        std::string output;
        const int code = run(kScripts + "restore", {"--yes", "--database-url", databaseUrl, backupFile}, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("scripts/restore: " + output, 0, code);

        HostProcess restored(options);
        const std::string after = everything(restored, login(restored));
        CPPUNIT_ASSERT_EQUAL(before, after);
        CPPUNIT_ASSERT(after.find("after-backup") == std::string::npos);
    }

public:
    // A backup holds password hashes: 0600 in a 0700 folder. A restore
    // names its target, refuses without --yes when it cannot ask, and
    // refuses when DATABASE_URL and --config name different databases.
    void backupIsPrivateAndRestoreAsksFirst() {
        ScratchDir scratch;
        const std::string live = scratch.path + "/live.db";
        const std::string other = scratch.path + "/other.db";
        const std::string backupFile = scratch.path + "/backups/motel.db";
        std::string output;
        CPPUNIT_ASSERT_EQUAL(0,
                             run("/usr/bin/sqlite3", {live, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"}, output));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(
            output, 0, run(kScripts + "backup", {"--database-url", "sqlite:" + live, backupFile}, output));
        CPPUNIT_ASSERT_EQUAL(0600, static_cast<int>(fileMode(backupFile)));
        CPPUNIT_ASSERT_EQUAL(0700, static_cast<int>(fileMode(scratch.path + "/backups")));

        output.clear();
        CPPUNIT_ASSERT_EQUAL(2, run(kScripts + "restore", {"--database-url", "sqlite:" + live, backupFile}, output));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("target database '" + live + "'") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("pass --yes") != std::string::npos);

        const std::string config = scratch.path + "/motel.properties";
        std::ofstream(config) << "db.url = sqlite:" << other << "\n";
        const Poco::Process::Env env{{"DATABASE_URL", "sqlite:" + live}};
        output.clear();
        CPPUNIT_ASSERT_EQUAL(2, run(kScripts + "restore", {"--config", config, "--yes", backupFile}, output, env));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("are different databases; nothing restored") != std::string::npos);
        CPPUNIT_ASSERT(!Poco::File(other).exists());

        output.clear();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(
            output, 0,
            run(kScripts + "restore", {"--config", config, "--use", "config", "--yes", backupFile}, output, env));
        CPPUNIT_ASSERT_MESSAGE(output, output.find("target database '" + other + "'") != std::string::npos);
        CPPUNIT_ASSERT(Poco::File(other).exists());
    }

private:
    static unsigned fileMode(const std::string& path) {
        struct stat info {};
        CPPUNIT_ASSERT_EQUAL(0, ::stat(path.c_str(), &info));
        return info.st_mode & 0777;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BackupRestoreTest);

} // namespace motel::test
