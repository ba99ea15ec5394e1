#include "plugins/AbiCheck.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::AbiCheck;
using motel::sdk::AbiStamp;

class AbiCheckTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AbiCheckTest);
    CPPUNIT_TEST(identicalStampsMatch);
    CPPUNIT_TEST(olderMinorIsAccepted);
    CPPUNIT_TEST(everyDifferingFieldIsNamed);
    CPPUNIT_TEST(cxxLibraryAbiIsPartOfTheStamp);
    CPPUNIT_TEST(garbageIsNotAStamp);
    CPPUNIT_TEST_SUITE_END();

public:
    void identicalStampsMatch() {
        CPPUNIT_ASSERT(AbiCheck::mismatches(motel::sdk::currentAbiStamp(), motel::sdk::currentAbiStamp()).empty());
    }

    void olderMinorIsAccepted() {
        AbiStamp host = motel::sdk::currentAbiStamp();
        host.sdkMinor = 3;
        AbiStamp plugin = host;
        plugin.sdkMinor = 1;
        CPPUNIT_ASSERT(AbiCheck::mismatches(host, plugin).empty());
        plugin.sdkMinor = 4;
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), AbiCheck::mismatches(host, plugin).size());
    }

    void everyDifferingFieldIsNamed() {
        AbiStamp host = motel::sdk::currentAbiStamp();
        AbiStamp plugin = host;
        plugin.sdkMajor += 1;
        plugin.pocoVersion = 0x010E0000; // 1.14.0
        plugin.cxxAbi += 1;
        const auto problems = AbiCheck::mismatches(host, plugin);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), problems.size());
        const std::string text = AbiCheck::describe(problems);
        CPPUNIT_ASSERT(text.find("SDK ABI major: expected " + std::to_string(host.sdkMajor)) != std::string::npos);
        CPPUNIT_ASSERT(text.find("Poco version") != std::string::npos);
        CPPUNIT_ASSERT(text.find("plugin has 1.14.0") != std::string::npos);
        CPPUNIT_ASSERT(text.find("C++ ABI") != std::string::npos);
    }

    void cxxLibraryAbiIsPartOfTheStamp() {
        const AbiStamp host = motel::sdk::currentAbiStamp();
        AbiStamp plugin = host;
        plugin.cxx11Abi = host.cxx11Abi ? 0 : 1;
        plugin.libstdcxxRelease = host.libstdcxxRelease + 1;
        const auto text = AbiCheck::describe(AbiCheck::mismatches(host, plugin));
        CPPUNIT_ASSERT_MESSAGE(text, text.find("_GLIBCXX_USE_CXX11_ABI: expected " + std::to_string(host.cxx11Abi)) !=
                                         std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(text, text.find("libstdc++ release: expected at most") != std::string::npos);
        plugin = host;
        plugin.libstdcxxRelease = host.libstdcxxRelease - 1; // built against an older libstdc++: fine
        CPPUNIT_ASSERT(AbiCheck::mismatches(host, plugin).empty());
        plugin = host;
        plugin.size = 24; // another SDK's layout: only what all layouts share is compared
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), AbiCheck::mismatches(host, plugin).size());
    }

    void garbageIsNotAStamp() {
        AbiStamp plugin{};
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), AbiCheck::mismatches(motel::sdk::currentAbiStamp(), plugin).size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AbiCheckTest);
