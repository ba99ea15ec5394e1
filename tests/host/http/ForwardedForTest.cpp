#include "http/ForwardedFor.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::ForwardedFor;

class ForwardedForTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ForwardedForTest);
    CPPUNIT_TEST(theLastEntryCountsWhenItIsAnAddress);
    CPPUNIT_TEST(anythingElseIsIgnored);
    CPPUNIT_TEST_SUITE_END();

public:
    void theLastEntryCountsWhenItIsAnAddress() {
        CPPUNIT_ASSERT_EQUAL(std::string("203.0.113.7"), *ForwardedFor::lastAddress("203.0.113.7"));
        CPPUNIT_ASSERT_EQUAL(std::string("203.0.113.7"), *ForwardedFor::lastAddress("1.2.3.4, 203.0.113.7"));
        CPPUNIT_ASSERT_EQUAL(std::string("203.0.113.7"), *ForwardedFor::lastAddress("evil text,\t203.0.113.7 "));
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1"),
                             *ForwardedFor::lastAddress("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        CPPUNIT_ASSERT_EQUAL(std::string("::ffff:192.0.2.1"), *ForwardedFor::lastAddress("::ffff:192.0.2.1"));
    }

    void anythingElseIsIgnored() {
        for (const char* bad : {"", " ", "unknown", "203.0.113.7, nonsense", "1.2.3", "1.2.3.4.5", "256.1.1.1",
                                "01.2.3.4x", "1.2.3.4:8080", "[2001:db8::1]", "fe80::1%eth0", "1.2.3.4\x1b[31m",
                                "<script>", "1.2.3.4 5.6.7.8", "\xff\xfe"})
            CPPUNIT_ASSERT_MESSAGE(bad, !ForwardedFor::lastAddress(bad));
        CPPUNIT_ASSERT(!ForwardedFor::lastAddress(std::string(100000, '1')));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ForwardedForTest);
