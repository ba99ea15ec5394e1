#include "services/ExceptionText.h"

#include <Poco/Exception.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using motel::host::describeCurrentException;

namespace {

template <class Throw> std::string describe(Throw raise) {
    try {
        raise();
    } catch (...) {
        return describeCurrentException();
    }
    return "nothing thrown";
}

} // namespace

class ExceptionTextTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExceptionTextTest);
    CPPUNIT_TEST(testDescribesEveryKindOfException);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDescribesEveryKindOfException() {
        CPPUNIT_ASSERT_EQUAL(std::string("Timeout: database did not answer"),
                             describe([] { throw Poco::TimeoutException("database did not answer"); }));
        CPPUNIT_ASSERT_EQUAL(std::string("disk full"), describe([] { throw std::runtime_error("disk full"); }));
        CPPUNIT_ASSERT_EQUAL(std::string("unknown exception"), describe([] { throw 42; }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExceptionTextTest);
