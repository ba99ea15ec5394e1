#include "DatabaseProbe.h"
#include "support/Gate.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

using namespace motel;
using namespace motel::health;
using std::chrono::milliseconds;

using motel::test::Gate;
namespace {

// Generous bound for answers that should come at once; only an upper bound,
// never a timing assertion.
const milliseconds patient{10000};
// A timeout that has run out the moment the probe starts waiting: the probe's
// timeout path, taken without waiting on the real clock.
const milliseconds alreadyOver{0};

} // namespace

class DatabaseProbeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DatabaseProbeTest);
    CPPUNIT_TEST(testAnsweringDatabaseIsUp);
    CPPUNIT_TEST(testFailingDatabaseIsDownWithoutDriverText);
    CPPUNIT_TEST(testHungDatabaseIsDownAfterTimeout);
    CPPUNIT_TEST(testHungRoundTripIsSharedNotRepeated);
    CPPUNIT_TEST(testRecoversByItself);
    CPPUNIT_TEST(testChangesAreLogged);
    CPPUNIT_TEST(testAfterShutdownIsDown);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnsweringDatabaseIsUp() {
        DatabaseProbe probe([] {});
        const ProbeOutcome outcome = probe.probe(patient);
        CPPUNIT_ASSERT(outcome.up);
        CPPUNIT_ASSERT(outcome.responseTimeMs >= 0);
        const sdk::HealthResult check = probe.check(patient);
        CPPUNIT_ASSERT(check.up);
        CPPUNIT_ASSERT(check.level == sdk::HealthLevel::ok);
        CPPUNIT_ASSERT(check.responseTimeMs.has_value());
        CPPUNIT_ASSERT(check.details.isNull());
    }

    void testFailingDatabaseIsDownWithoutDriverText() {
        DatabaseProbe probe([] { throw std::runtime_error("FATAL: password authentication failed for user x"); });
        const sdk::HealthResult check = probe.check(patient);
        CPPUNIT_ASSERT(!check.up);
        CPPUNIT_ASSERT(check.level == sdk::HealthLevel::critical);
        const std::string error = check.details->getValue<std::string>("error");
        CPPUNIT_ASSERT(error.find("password") == std::string::npos);
    }

    void testHungDatabaseIsDownAfterTimeout() {
        Gate gate;
        DatabaseProbe probe([&gate] { gate.wait(); });
        const sdk::HealthResult check = probe.check(alreadyOver);
        CPPUNIT_ASSERT(!check.up);
        CPPUNIT_ASSERT(check.level == sdk::HealthLevel::critical);
        CPPUNIT_ASSERT(check.responseTimeMs.has_value());
        CPPUNIT_ASSERT(check.details->getValue<std::string>("error").find("within 0 ms") != std::string::npos);
        gate.open();
        probe.shutdown();
    }

    void testHungRoundTripIsSharedNotRepeated() {
        Gate gate;
        std::atomic<int> calls{0};
        DatabaseProbe probe([&] {
            ++calls;
            gate.wait();
        });
        for (int i = 0; i < 5; ++i) CPPUNIT_ASSERT(!probe.probe(alreadyOver).up);
        CPPUNIT_ASSERT_EQUAL(1, calls.load());
        gate.open();
        probe.shutdown();
    }

    void testRecoversByItself() {
        Gate gate;
        DatabaseProbe probe([&gate] { gate.wait(); });
        CPPUNIT_ASSERT(!probe.probe(alreadyOver).up);
        gate.open(); // the database answers again
        CPPUNIT_ASSERT(probe.probe(patient).up);
        CPPUNIT_ASSERT(probe.probe(patient).up);
    }

    void testChangesAreLogged() {
        std::atomic<bool> failing{true};
        std::vector<std::pair<bool, std::string>> changes;
        DatabaseProbe probe(
            [&failing] {
                if (failing) throw std::runtime_error("connection refused");
            },
            [&changes](bool up, const std::string& message) { changes.emplace_back(up, message); });
        probe.probe(patient);
        probe.probe(patient); // still down: no second entry
        failing = false;
        probe.probe(patient);
        probe.shutdown();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), changes.size());
        CPPUNIT_ASSERT(!changes[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("connection refused"), changes[0].second);
        CPPUNIT_ASSERT(changes[1].first);
    }

    void testAfterShutdownIsDown() {
        DatabaseProbe probe([] {});
        CPPUNIT_ASSERT(probe.probe(patient).up);
        probe.shutdown();
        CPPUNIT_ASSERT(!probe.probe(patient).up);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DatabaseProbeTest);
