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

// One published interface, as three builds of it would declare it: the
// provider at 1.2, consumers built against 1.1 (fine), 1.3 (needs more than
// is there) and 2.0 (another major).
namespace v12 {
struct Directory {
    static constexpr const char* kServiceName = "test.directory";
    static constexpr motel::sdk::InterfaceVersion kVersion{1, 2};
    virtual ~Directory() = default;
};
} // namespace v12

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
    CPPUNIT_TEST(testPublishedInterfacesAreVersionChecked);
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

    void testPublishedInterfacesAreVersionChecked() {
        ServiceDirectory directory;
        motel::sdk::ServiceRegistry& registry = directory;
        registry.publish<v12::Directory>(std::make_shared<v12::Directory>());
        CPPUNIT_ASSERT(registry.lookup<v12::Directory>());
        CPPUNIT_ASSERT(registry.require<v12::Directory>());
        // Compiled against an older minor: the provider has all it needs.
        CPPUNIT_ASSERT(directory.findVersioned("test.directory", typeid(v12::Directory).name(), {1, 1}));
        const auto newerMinor = messageOf([&] {
            directory.findVersioned("test.directory", typeid(v12::Directory).name(), {1, 3});
        });
        CPPUNIT_ASSERT_MESSAGE(newerMinor, newerMinor.find("built against interface version 1.3, the provider "
                                                           "offers only 1.2") != std::string::npos);
        const auto otherMajor = messageOf([&] {
            directory.findVersioned("test.directory", typeid(v12::Directory).name(), {2, 0});
        });
        CPPUNIT_ASSERT_MESSAGE(otherMajor, otherMajor.find("'test.directory'") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(otherMajor, otherMajor.find("version 2.0, the provider offers 1.2 (major versions "
                                                           "differ") != std::string::npos);
        ServiceDirectory empty;
        const auto missing =
            messageOf([&] { static_cast<motel::sdk::ServiceRegistry&>(empty).require<v12::Directory>(); });
        CPPUNIT_ASSERT_MESSAGE(missing,
                               missing.find("no plugin provides service 'test.directory'") != std::string::npos);
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
