// CommandCatalog: the commands plugins declare in their files, read without
// opening them; a library without the section (SDK 3.0) is "undeclared".
#include "plugins/CommandCatalog.h"

#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

using motel::host::CommandCatalog;
using motel::host::PluginLoader;

namespace {

int initialiserRuns(const std::string& markerFile) {
    std::ifstream in(markerFile);
    int runs = 0;
    for (std::string line; std::getline(in, line);) ++runs;
    return runs;
}

} // namespace

class CommandCatalogTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CommandCatalogTest);
    CPPUNIT_TEST(parseSkipsPaddingAndMarker);
    CPPUNIT_TEST(readsDeclarationsWithoutOpeningThePlugin);
    CPPUNIT_TEST(aLibraryWithoutTheSectionIsUndeclared);
    CPPUNIT_TEST(aMissingPluginDeclaresNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void parseSkipsPaddingAndMarker() {
        const std::string section = std::string(MOTEL_COMMANDS_MARKER) + '\0' + std::string(7, '\0') +
                                    "user\x1f"
                                    "manage accounts" +
                                    '\0' + '\0' + "bare" + '\0' + "\x1fno name" + '\0';
        const auto commands = CommandCatalog::parse("auth", section);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), commands.size());
        CPPUNIT_ASSERT_EQUAL(std::string("user"), commands[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("manage accounts"), commands[0].summary);
        CPPUNIT_ASSERT_EQUAL(std::string("auth"), commands[0].plugin);
        CPPUNIT_ASSERT_EQUAL(std::string("bare"), commands[1].name);
        CPPUNIT_ASSERT_EQUAL(std::string(), commands[1].summary);
    }

    void readsDeclarationsWithoutOpeningThePlugin() {
        const std::string marker = Poco::TemporaryFile::tempName();
        ::setenv("MOTEL_FIXTURE_INIT_MARKER", marker.c_str(), 1);
        const PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto catalog = CommandCatalog::read(loader, {"fixture_base", "fixture_commands"});
        ::unsetenv("MOTEL_FIXTURE_INIT_MARKER");
        CPPUNIT_ASSERT_EQUAL(0, initialiserRuns(marker));
        std::remove(marker.c_str());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), catalog.commands().size());
        CPPUNIT_ASSERT_EQUAL(std::string("fixturecmd"), catalog.commands()[0].name);
        CPPUNIT_ASSERT_EQUAL(std::string("fixture_commands"), catalog.commands()[0].plugin);
        CPPUNIT_ASSERT_EQUAL(std::string("loader test fixture command"), catalog.commands()[0].summary);
        CPPUNIT_ASSERT(catalog.undeclared().empty());
        CPPUNIT_ASSERT(catalog.declares("fixturecmd"));
        CPPUNIT_ASSERT(!catalog.mayProvide("bogus"));
    }

    void aLibraryWithoutTheSectionIsUndeclared() {
        const PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto catalog = CommandCatalog::read(loader, {"fixture_commands", "fixture_legacy_commands"});
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), catalog.undeclared().size());
        CPPUNIT_ASSERT_EQUAL(std::string("fixture_legacy_commands"), catalog.undeclared()[0]);
        CPPUNIT_ASSERT(!catalog.declares("legacycmd"));
        CPPUNIT_ASSERT(catalog.mayProvide("legacycmd"));
    }

    void aMissingPluginDeclaresNothing() {
        const PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto catalog = CommandCatalog::read(loader, {"fixture_absent"});
        CPPUNIT_ASSERT(catalog.commands().empty());
        CPPUNIT_ASSERT(catalog.undeclared().empty());
        CPPUNIT_ASSERT(!catalog.mayProvide("anything"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CommandCatalogTest);
