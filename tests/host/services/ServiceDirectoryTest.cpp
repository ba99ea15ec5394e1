#include "services/ServiceDirectory.h"

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

using motel::host::ServiceDirectory;

namespace {

struct Greeter {
    virtual ~Greeter() = default;
    virtual std::string greet() const { return "hello"; }
};
struct Clock {};

std::string messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::logic_error& error) {
        return error.what();
    }
    return "";
}

} // namespace

class ServiceDirectoryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ServiceDirectoryTest);
    CPPUNIT_TEST(testFindsWhatWasProvided);
    CPPUNIT_TEST(testUnknownNameIsNull);
    CPPUNIT_TEST(testProvidingTwiceNamesTheService);
    CPPUNIT_TEST(testWrongTypeNamesBothTypes);
    CPPUNIT_TEST(testRejectsEmptyNameAndNullService);
    CPPUNIT_TEST(testClearReleasesServices);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFindsWhatWasProvided() {
        ServiceDirectory directory;
        auto greeter = std::make_shared<Greeter>();
        directory.provide<Greeter>("greeter", greeter);

        const auto found = directory.find<Greeter>("greeter");
        CPPUNIT_ASSERT(found == greeter);
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), found->greet());
        CPPUNIT_ASSERT((directory.names() == std::vector<std::string>{"greeter"}));
    }

    void testUnknownNameIsNull() {
        ServiceDirectory directory;
        CPPUNIT_ASSERT(directory.find<Greeter>("auth") == nullptr);
    }

    void testProvidingTwiceNamesTheService() {
        ServiceDirectory directory;
        directory.provide<Greeter>("auth", std::make_shared<Greeter>());
        const auto message = messageOf([&] { directory.provide<Greeter>("auth", std::make_shared<Greeter>()); });
        CPPUNIT_ASSERT_MESSAGE(message, message.find("'auth'") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find("already") != std::string::npos);
    }

    void testWrongTypeNamesBothTypes() {
        ServiceDirectory directory;
        directory.provide<Greeter>("auth", std::make_shared<Greeter>());
        CPPUNIT_ASSERT_THROW(directory.find<Clock>("auth"), std::logic_error);
        const auto message = messageOf([&] { directory.find<Clock>("auth"); });
        CPPUNIT_ASSERT_MESSAGE(message, message.find("'auth'") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find("Greeter") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find("Clock") != std::string::npos);
    }

    void testRejectsEmptyNameAndNullService() {
        ServiceDirectory directory;
        CPPUNIT_ASSERT_THROW(directory.provide<Greeter>("", std::make_shared<Greeter>()), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(directory.provide<Greeter>("auth", nullptr), std::invalid_argument);
        CPPUNIT_ASSERT(directory.names().empty());
    }

    void testClearReleasesServices() {
        ServiceDirectory directory;
        auto greeter = std::make_shared<Greeter>();
        std::weak_ptr<Greeter> watch = greeter;
        directory.provide<Greeter>("greeter", std::move(greeter));
        directory.clear();
        CPPUNIT_ASSERT(watch.expired());
        CPPUNIT_ASSERT(directory.find<Greeter>("greeter") == nullptr);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServiceDirectoryTest);
