// PasswordPolicy: common passwords are refused wherever a password is set.
#include "PasswordPolicy.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using motel::auth::PasswordPolicy;

class PasswordPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PasswordPolicyTest);
    CPPUNIT_TEST(listedPasswordsAreRefusedWhateverTheirCase);
    CPPUNIT_TEST(decoratedListedWordsAreRefused);
    CPPUNIT_TEST(runsAndRepetitionsAreRefused);
    CPPUNIT_TEST(ordinaryPassphrasesPass);
    CPPUNIT_TEST(theInstalledListsAreReadAndMissingOnesReported);
    CPPUNIT_TEST(theListFilesAreSearchedAtEachCheckNotHeld);
    CPPUNIT_TEST_SUITE_END();

public:
    void listedPasswordsAreRefusedWhateverTheirCase() {
        const PasswordPolicy policy({"winniethepooh", "password"});
        const auto problems = policy.problems("newPassword", "WinnieThePooh");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), problems.size());
        CPPUNIT_ASSERT_EQUAL(std::string("newPassword is too common; choose a password that is not on a list of "
                                         "frequently used ones"),
                             problems.front());
        CPPUNIT_ASSERT_THROW(policy.check("password", "winniethepooh"), motel::sdk::ValidationError);
    }

    void decoratedListedWordsAreRefused() {
        const PasswordPolicy policy({"password", "sunshine"});
        for (const char* weak : {"Password2024!", "password1234", "!!sunshine!!99", "1234 Password"})
            CPPUNIT_ASSERT_MESSAGE(weak, !policy.problems("password", weak).empty());
        CPPUNIT_ASSERT(policy.problems("password", "password-of-the-night").empty());
    }

    void runsAndRepetitionsAreRefused() {
        const PasswordPolicy policy;
        for (const char* weak : {"aaaaaaaaaaaa", "123456789012", "abcdefghijkl", "987654321098", "zyxwvutsrqpo"})
            CPPUNIT_ASSERT_MESSAGE(weak, !policy.problems("password", weak).empty());
    }

    void ordinaryPassphrasesPass() {
        const PasswordPolicy policy({"password"});
        for (const char* fine : {"motel-demo-password", "correct horse battery", "918273645546"})
            CPPUNIT_ASSERT_MESSAGE(fine, policy.problems("password", fine).empty());
    }

    void theInstalledListsAreReadAndMissingOnesReported() {
        const std::string path = "/tmp/motel-policy-test-" + std::to_string(::getpid()) + ".lst";
        {
            std::ofstream out(path);
            out << "#!comment: a list\n\nHunter2Hunter2\r\nletmeinletmein\n";
        }
        std::vector<std::string> warnings;
        const auto policy = PasswordPolicy::fromFiles({path, "/nonexistent/list.lst"}, warnings);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), policy.listSize());
        CPPUNIT_ASSERT(!policy.problems("password", "hunter2hunter2").empty());
        std::remove(path.c_str()); // searched on disk at each check: kept until here
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), warnings.size());
        CPPUNIT_ASSERT(warnings.front().find("/nonexistent/list.lst") != std::string::npos);

        // The lists scripts/deps installs: Openwall's common passwords and cracklib's words.
        std::vector<std::string> none;
        const auto installed = PasswordPolicy::fromFiles(PasswordPolicy::defaultListFiles(), none);
        CPPUNIT_ASSERT_MESSAGE(none.empty() ? "" : none.front(), none.empty());
        CPPUNIT_ASSERT(installed.listSize() > 50000);
        for (const char* weak : {"password", "12345678", "qwertyuiop", "winniethepooh", "Password123!"})
            CPPUNIT_ASSERT_MESSAGE(weak, !installed.problems("password", weak).empty());
        CPPUNIT_ASSERT(installed.problems("password", "motel-demo-password").empty());
    }

    void theListFilesAreSearchedAtEachCheckNotHeld() {
        // The lists stay on disk (no memory held for them): what a file says
        // when a password is set decides, and a file gone since start lists
        // nothing, as a missing one did at start.
        const std::string path = "/tmp/motel-policy-disk-" + std::to_string(::getpid()) + ".lst";
        std::ofstream(path) << "firstlistedword\n";
        std::vector<std::string> warnings;
        const auto policy = PasswordPolicy::fromFiles({path}, warnings);
        CPPUNIT_ASSERT(warnings.empty());
        CPPUNIT_ASSERT(!policy.problems("password", "FirstListedWord99").empty());
        CPPUNIT_ASSERT(policy.problems("password", "addedafterstart").empty());
        std::ofstream(path, std::ios::app) << "AddedAfterStart\r\n";
        CPPUNIT_ASSERT(!policy.problems("password", "addedafterstart").empty());
        std::remove(path.c_str());
        CPPUNIT_ASSERT(policy.problems("password", "firstlistedword").empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PasswordPolicyTest);
