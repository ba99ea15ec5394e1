// PasswordHasher: argon2id hashes that verify only the right password.
#include "PasswordHasher.h"

#include <motel/sdk/Errors.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using motel::auth::PasswordHasher;

class PasswordHasherTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PasswordHasherTest);
    CPPUNIT_TEST(hashIsArgon2idAndVerifies);
    CPPUNIT_TEST(wrongPasswordFails);
    CPPUNIT_TEST(samePasswordGetsDifferentSalts);
    CPPUNIT_TEST(hashNeverContainsThePassword);
    CPPUNIT_TEST(unknownUserNeverVerifies);
    CPPUNIT_TEST(malformedHashFails);
    CPPUNIT_TEST(rehashNeededOnlyForOtherLimits);
    CPPUNIT_TEST(aFullQueueIsRefusedAtOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void hashIsArgon2idAndVerifies() {
        const std::string hash = hasher().hash("correct horse battery");
        CPPUNIT_ASSERT_EQUAL(std::string("$argon2id$"), hash.substr(0, 10));
        CPPUNIT_ASSERT(hasher().verify(hash, "correct horse battery"));
    }

    void wrongPasswordFails() {
        const std::string hash = hasher().hash("correct horse battery");
        CPPUNIT_ASSERT(!hasher().verify(hash, "correct horse batterz"));
        CPPUNIT_ASSERT(!hasher().verify(hash, ""));
        CPPUNIT_ASSERT(!hasher().verify(hash, std::string("correct horse battery") + '\0'));
    }

    void samePasswordGetsDifferentSalts() {
        CPPUNIT_ASSERT(hasher().hash("password123") != hasher().hash("password123"));
    }

    void hashNeverContainsThePassword() {
        CPPUNIT_ASSERT_EQUAL(std::string::npos, hasher().hash("visible-secret").find("visible-secret"));
    }

    void unknownUserNeverVerifies() {
        CPPUNIT_ASSERT(!hasher().verifyUnknownUser("anything at all"));
        CPPUNIT_ASSERT(!hasher().verifyUnknownUser(""));
    }

    void malformedHashFails() {
        CPPUNIT_ASSERT(!hasher().verify("", "password123"));
        CPPUNIT_ASSERT(!hasher().verify("plain text", "plain text"));
        CPPUNIT_ASSERT(!hasher().verify(std::string(500, '$'), "password123"));
    }

    void rehashNeededOnlyForOtherLimits() {
        CPPUNIT_ASSERT(!hasher().needsRehash(hasher().hash("password123")));
        CPPUNIT_ASSERT(hasher().needsRehash("not a hash"));
        // A hash made with the MODERATE limits is stronger, but not what this hasher makes.
        PasswordHasher moderate(motel::auth::PasswordStrength::moderate, 1);
        const std::string strong = moderate.hash("password123");
        CPPUNIT_ASSERT(hasher().needsRehash(strong));
        CPPUNIT_ASSERT(hasher().verify(strong, "password123"));
    }

    void aFullQueueIsRefusedAtOnce() {
        // One slot, one waiting place: of 6 hashes started together, some are
        // refused (429) at once instead of queueing behind the others.
        PasswordHasher bounded(motel::auth::PasswordStrength::interactive, 1, 1);
        std::atomic<int> refused{0}, done{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i) {
            threads.emplace_back([&] {
                try {
                    bounded.hash("a password to hash");
                    ++done;
                } catch (const motel::sdk::TooManyRequests& busy) {
                    if (busy.status() == 429) ++refused;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        CPPUNIT_ASSERT(done.load() >= 2);
        CPPUNIT_ASSERT(refused.load() >= 1);
        CPPUNIT_ASSERT_EQUAL(6, done.load() + refused.load());
        CPPUNIT_ASSERT(bounded.verify(bounded.hash("again"), "again")); // slots were all given back
    }

private:
    static PasswordHasher& hasher() {
        static PasswordHasher instance;
        return instance;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PasswordHasherTest);
