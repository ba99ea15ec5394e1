// InlineDispatchPolicy: which request types an I/O thread may run itself.
#include "http/InlineDispatchPolicy.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::DispatchCost;
using motel::host::InlineDispatchPolicy;
using std::chrono::microseconds;

namespace {

DispatchCost fast() {
    return DispatchCost{microseconds(5), microseconds(8), false};
}
DispatchCost blocking() {
    return DispatchCost{microseconds(5), microseconds(300), true};
}
DispatchCost preempted() {
    return DispatchCost{microseconds(5), microseconds(20000), false};
}
DispatchCost busy() {
    return DispatchCost{microseconds(600), microseconds(600), false};
}
DispatchCost sluggish() {
    return DispatchCost{microseconds(150), microseconds(150), false};
}
DispatchCost preemptedOutlier() {
    return DispatchCost{microseconds(80), microseconds(12000), false};
}

void qualify(InlineDispatchPolicy& policy, std::uint64_t type) {
    for (std::uint32_t i = 0; i < InlineDispatchPolicy::qualifyingRuns; ++i) policy.record(type, fast(), false);
}

} // namespace

class InlineDispatchPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InlineDispatchPolicyTest);
    CPPUNIT_TEST(qualifiesATypeAfterEnoughFastPoolRuns);
    CPPUNIT_TEST(neverQualifiesBlockingOrBusyHandlers);
    CPPUNIT_TEST(toleratesShortLockWaitsAndOutliersWhenQualifying);
    CPPUNIT_TEST(sendsATypeBackToThePoolAfterASlowInlineRun);
    CPPUNIT_TEST(keepsATypeOnThePoolAfterRepeatedStrikes);
    CPPUNIT_TEST(forgivesRareStrikesAndIgnoresPreemption);
    CPPUNIT_TEST(demotesATypeWhoseAverageCostDrifts);
    CPPUNIT_TEST(samplesPreciseMeasurementsInlineUnlessTheWallClockLooksSlow);
    CPPUNIT_TEST(considersOnlyBodilessGetAndHeadByPath);
    CPPUNIT_TEST(doesNothingWhenDisabled);
    CPPUNIT_TEST(keepsTypesThatDeferOrTakeOverOnThePoolForGood);
    CPPUNIT_TEST_SUITE_END();

public:
    void qualifiesATypeAfterEnoughFastPoolRuns() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/health/live", false);
        for (std::uint32_t i = 0; i + 1 < InlineDispatchPolicy::qualifyingRuns; ++i) policy.record(type, fast(), false);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
        policy.record(type, fast(), false);
        CPPUNIT_ASSERT(policy.shouldRunInline(type));
        policy.record(type, fast(), true);
        CPPUNIT_ASSERT(policy.shouldRunInline(type));
    }

    void neverQualifiesBlockingOrBusyHandlers() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/health/ready", false);
        for (int i = 0; i < 1000; ++i) policy.record(type, i % 50 == 0 ? blocking() : fast(), false);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
        const auto heavy = policy.typeOf("GET", "/metrics", false);
        for (int i = 0; i < 1000; ++i) policy.record(heavy, busy(), false);
        CPPUNIT_ASSERT(!policy.shouldRunInline(heavy));
    }

    void toleratesShortLockWaitsAndOutliersWhenQualifying() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/health/live", false);
        const DispatchCost lockWait{microseconds(20), microseconds(45), true};
        const DispatchCost outlier{microseconds(250), microseconds(260), false};
        for (std::uint32_t i = 0; i < InlineDispatchPolicy::qualifyingRuns; ++i)
            policy.record(type, i % 10 == 0 ? lockWait : i == 33 ? outlier : preempted(), false);
        CPPUNIT_ASSERT(policy.shouldRunInline(type));
    }

    void sendsATypeBackToThePoolAfterASlowInlineRun() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/x", false);
        qualify(policy, type);
        policy.record(type, blocking(), true);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
        qualify(policy, type);
        CPPUNIT_ASSERT(policy.shouldRunInline(type));
    }

    void keepsATypeOnThePoolAfterRepeatedStrikes() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/flaky", false);
        for (int strike = 0; strike < InlineDispatchPolicy::maxStrikes; ++strike) {
            qualify(policy, type);
            CPPUNIT_ASSERT(policy.shouldRunInline(type));
            policy.record(type, busy(), true);
        }
        qualify(policy, type);
        qualify(policy, type);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
    }

    void forgivesRareStrikesAndIgnoresPreemption() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/health/live", false);
        for (int round = 0; round < 10; ++round) { // far more than maxStrikes slow runs, but rare ones
            qualify(policy, type);
            for (std::uint32_t i = 0; i < InlineDispatchPolicy::forgiveAfter; ++i)
                policy.record(type, i % 100 == 0 ? preempted() : i % 100 == 50 ? preemptedOutlier() : fast(), true);
            CPPUNIT_ASSERT(policy.shouldRunInline(type));
            policy.record(type, busy(), true);
            CPPUNIT_ASSERT(!policy.shouldRunInline(type));
        }
    }

    void demotesATypeWhoseAverageCostDrifts() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/report", false);
        qualify(policy, type);
        int runs = 0;
        while (policy.shouldRunInline(type) && runs < 100) {
            policy.record(type, sluggish(), true);
            ++runs;
        }
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
        CPPUNIT_ASSERT(runs > 1); // not on the first run: one outlier is tolerated
    }

    void samplesPreciseMeasurementsInlineUnlessTheWallClockLooksSlow() {
        InlineDispatchPolicy policy(true);
        const auto type = policy.typeOf("GET", "/health/live", false);
        CPPUNIT_ASSERT(policy.wantsPreciseCost(type)); // on the pool: always
        qualify(policy, type);
        int precise = 0;
        for (int i = 0; i < 80; ++i) {
            const bool wanted = policy.wantsPreciseCost(type);
            precise += wanted ? 1 : 0;
            DispatchCost cost = fast();
            cost.precise = wanted;
            policy.record(type, cost, true);
        }
        CPPUNIT_ASSERT_EQUAL(80 / int(InlineDispatchPolicy::preciseEvery), precise);
        // A run slow by the wall clock makes the next one precise...
        while (policy.wantsPreciseCost(type)) policy.record(type, fast(), true);
        policy.record(type, DispatchCost{microseconds(0), microseconds(900), false, false}, true);
        CPPUNIT_ASSERT(policy.shouldRunInline(type));
        CPPUNIT_ASSERT(policy.wantsPreciseCost(type));
        // ...which sends the type back to the pool if it really is slow.
        policy.record(type, blocking(), true);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
    }

    void considersOnlyBodilessGetAndHeadByPath() {
        InlineDispatchPolicy policy(true);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), policy.typeOf("POST", "/x", false));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), policy.typeOf("GET", "/x", true));
        CPPUNIT_ASSERT(policy.typeOf("GET", "/x", false) != 0);
        CPPUNIT_ASSERT_EQUAL(policy.typeOf("GET", "/x?a=1", false), policy.typeOf("GET", "/x?b=2", false));
        CPPUNIT_ASSERT(policy.typeOf("GET", "/x", false) != policy.typeOf("HEAD", "/x", false));
        CPPUNIT_ASSERT(policy.typeOf("GET", "/x", false) != policy.typeOf("GET", "/y", false));
        policy.record(0, fast(), false);
        CPPUNIT_ASSERT(!policy.shouldRunInline(0));
    }

    void keepsTypesThatDeferOrTakeOverOnThePoolForGood() {
        InlineDispatchPolicy policy(true);
        const auto poll = policy.typeOf("GET", "/socket.io/?EIO=4&transport=polling", false);
        qualify(policy, poll);
        CPPUNIT_ASSERT(policy.shouldRunInline(poll));
        policy.excludeForGood(poll); // its handler deferred
        CPPUNIT_ASSERT(!policy.shouldRunInline(poll));
        for (int i = 0; i < 10000; ++i) policy.record(poll, fast(), false);
        CPPUNIT_ASSERT(!policy.shouldRunInline(poll));
        const auto upgrade = policy.typeOf("GET", "/ws", false);
        policy.excludeForGood(upgrade); // before it ever qualified
        qualify(policy, upgrade);
        CPPUNIT_ASSERT(!policy.shouldRunInline(upgrade));
    }

    void doesNothingWhenDisabled() {
        InlineDispatchPolicy policy(false);
        const auto type = policy.typeOf("GET", "/health/live", false);
        qualify(policy, type);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InlineDispatchPolicyTest);
