// InlineDispatchPolicy: which request types an I/O thread may run itself.
#include "http/InlineDispatchPolicy.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::DispatchCost;
using motel::host::InlineDispatchPolicy;
using std::chrono::microseconds;

namespace {

DispatchCost fast() { return DispatchCost{microseconds(5), microseconds(8), false}; }
DispatchCost blocking() { return DispatchCost{microseconds(5), microseconds(300), true}; }
DispatchCost busy() { return DispatchCost{microseconds(400), microseconds(400), false}; }

void qualify(InlineDispatchPolicy& policy, std::uint64_t type) {
    for (std::uint32_t i = 0; i < InlineDispatchPolicy::qualifyingRuns; ++i) policy.record(type, fast(), false);
}

} // namespace

class InlineDispatchPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InlineDispatchPolicyTest);
    CPPUNIT_TEST(qualifiesATypeAfterEnoughFastPoolRuns);
    CPPUNIT_TEST(neverQualifiesBlockingOrBusyHandlers);
    CPPUNIT_TEST(sendsATypeBackToThePoolAfterASlowInlineRun);
    CPPUNIT_TEST(keepsATypeOnThePoolAfterRepeatedStrikes);
    CPPUNIT_TEST(considersOnlyBodilessGetAndHeadByPath);
    CPPUNIT_TEST(doesNothingWhenDisabled);
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

    void doesNothingWhenDisabled() {
        InlineDispatchPolicy policy(false);
        const auto type = policy.typeOf("GET", "/health/live", false);
        qualify(policy, type);
        CPPUNIT_ASSERT(!policy.shouldRunInline(type));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InlineDispatchPolicyTest);
