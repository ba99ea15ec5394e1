#include "plugins/PluginLoader.h"
#include "plugins/PluginSet.h"
#include "plugins/DependencyOrder.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using motel::host::DependencyError;
using motel::host::PluginLoader;
using motel::host::PluginLoadError;
using motel::host::PluginSet;

namespace {
std::string messageOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

/// Points the fixtures' static initialisers (InitMarker.h) at a fresh file
/// for the life of this object and reads what they wrote.
class InitMarkerFile {
public:
    InitMarkerFile() : file_(Poco::TemporaryFile::tempName()) {
        ::setenv("MOTEL_FIXTURE_INIT_MARKER", file_.c_str(), 1);
    }
    ~InitMarkerFile() {
        ::unsetenv("MOTEL_FIXTURE_INIT_MARKER");
        std::remove(file_.c_str());
    }
    /// How many times `plugin`'s static initialiser ran.
    int runsOf(const std::string& plugin) const {
        std::ifstream in(file_);
        std::string line;
        int runs = 0;
        while (std::getline(in, line)) runs += line == plugin;
        return runs;
    }

private:
    std::string file_;
};
} // namespace

class PluginLoaderTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginLoaderTest);
    CPPUNIT_TEST(loadsAPluginAndReadsItsInfo);
    CPPUNIT_TEST(listsAvailablePlugins);
    CPPUNIT_TEST(missingPluginIsNamed);
    CPPUNIT_TEST(wrongAbiIsRefusedBeforeAnyPluginCodeRuns);
    CPPUNIT_TEST(fileAndPluginNamesMustMatch);
    CPPUNIT_TEST(refusedPluginCodeNeverRunsAndALoadedOneIsOpenedOnce);
    CPPUNIT_TEST(searchesEveryFolderAndRefusesANameInTwo);
    CPPUNIT_TEST(aThrowingInfoIsReportedInFull);
    CPPUNIT_TEST(pluginSetOrdersByDependencies);
    CPPUNIT_TEST(pluginSetRefusesCyclesAndMissingDependencies);
    CPPUNIT_TEST_SUITE_END();

public:
    void loadsAPluginAndReadsItsInfo() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        auto& plugin = loader.load("fixture_middle");
        CPPUNIT_ASSERT_EQUAL(std::string("fixture_middle"), plugin.info.name);
        CPPUNIT_ASSERT_EQUAL(std::string("0.0.1"), plugin.info.version);
        CPPUNIT_ASSERT((plugin.info.dependencies == std::vector<std::string>{"fixture_base"}));
        CPPUNIT_ASSERT_EQUAL(MOTEL_SDK_ABI_MAJOR, plugin.stamp.sdkMajor);
        CPPUNIT_ASSERT(plugin.instance);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), plugin.instance->migrations().size());
        // Loading twice returns the same plugin.
        CPPUNIT_ASSERT_EQUAL(&plugin, &loader.load("fixture_middle"));
    }

    void listsAvailablePlugins() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto names = loader.available();
        CPPUNIT_ASSERT(std::find(names.begin(), names.end(), "fixture_base") != names.end());
        CPPUNIT_ASSERT(std::find(names.begin(), names.end(), "fixture_wrong_abi") != names.end());
    }

    void missingPluginIsNamed() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto message = messageOf([&] { loader.load("nope"); });
        CPPUNIT_ASSERT(message.find("plugin 'nope': not found") != std::string::npos);
    }

    void wrongAbiIsRefusedBeforeAnyPluginCodeRuns() {
        // The fixture's constructor aborts: reaching the assertions proves it never ran.
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto message = messageOf([&] { loader.load("fixture_wrong_abi"); });
        CPPUNIT_ASSERT(message.find("plugin 'fixture_wrong_abi': incompatible ABI") != std::string::npos);
        CPPUNIT_ASSERT(message.find("SDK ABI major: expected " + std::to_string(MOTEL_SDK_ABI_MAJOR) + ", plugin has " +
                                    std::to_string(MOTEL_SDK_ABI_MAJOR + 98)) != std::string::npos);
        CPPUNIT_ASSERT(message.find("C++ ABI") != std::string::npos);
    }

    void refusedPluginCodeNeverRunsAndALoadedOneIsOpenedOnce() {
        InitMarkerFile marker;
        {
            PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
            CPPUNIT_ASSERT_THROW(loader.load("fixture_wrong_abi"), PluginLoadError);
            CPPUNIT_ASSERT_EQUAL(0, marker.runsOf("fixture_wrong_abi"));
            loader.load("fixture_leaf");
            loader.load("fixture_leaf");
            CPPUNIT_ASSERT_EQUAL(1, marker.runsOf("fixture_leaf"));
            // The stamp is read from the file alone, without opening it.
            const auto stamp =
                PluginLoader::readStamp("fixture_base", std::string(MOTEL_FIXTURE_PLUGIN_DIR) + "/fixture_base.so");
            CPPUNIT_ASSERT_EQUAL(MOTEL_SDK_ABI_MAJOR, static_cast<int>(stamp.sdkMajor));
            CPPUNIT_ASSERT_EQUAL(0, marker.runsOf("fixture_base"));
        }
        CPPUNIT_ASSERT_EQUAL(0, marker.runsOf("fixture_wrong_abi"));
    }

    void searchesEveryFolderAndRefusesANameInTwo() {
        Poco::TemporaryFile folder;
        folder.createDirectories();
        const std::string copy = Poco::Path(Poco::Path(folder.path()).makeDirectory(), "fixture_base.so").toString();
        Poco::File(std::string(MOTEL_FIXTURE_PLUGIN_DIR) + "/fixture_base.so").copyTo(copy);
        Poco::File(std::string(MOTEL_FIXTURE_PLUGIN_DIR) + "/fixture_base.so")
            .copyTo(Poco::Path(Poco::Path(folder.path()).makeDirectory(), "fixture_elsewhere.so").toString());

        PluginLoader loader({MOTEL_FIXTURE_PLUGIN_DIR, folder.path()});
        const auto names = loader.available();
        CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t(1), std::count(names.begin(), names.end(), "fixture_base"));
        const auto message = messageOf([&] { loader.load("fixture_base"); });
        CPPUNIT_ASSERT_MESSAGE(message, message.find("more than one plugin folder") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find(std::string(MOTEL_FIXTURE_PLUGIN_DIR) + "/fixture_base.so") !=
                                            std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find(copy) != std::string::npos);
        CPPUNIT_ASSERT(loader.load("fixture_middle").instance); // the other folder's plugins still load
    }

    void fileAndPluginNamesMustMatch() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto message = messageOf([&] { loader.load("fixture_misnamed"); });
        CPPUNIT_ASSERT(message.find("calls itself 'someone_else'") != std::string::npos);
    }

    void aThrowingInfoIsReportedInFull() {
        // Poco's what() would say only "Bad data format".
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        const auto message = messageOf([&] { loader.load("fixture_throwing_info"); });
        CPPUNIT_ASSERT_MESSAGE(message, message.find("plugin 'fixture_throwing_info': info() threw: Bad data format: "
                                                     "version field unreadable") != std::string::npos);
    }

    void pluginSetOrdersByDependencies() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        PluginSet set(loader, {"fixture_top", "fixture_middle", "fixture_base"});
        CPPUNIT_ASSERT((set.names() == std::vector<std::string>{"fixture_base", "fixture_middle", "fixture_top"}));
        const auto migrations = set.migrations();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), migrations.size());
        CPPUNIT_ASSERT_EQUAL(std::string("fixture_base"), migrations[0].first);
        CPPUNIT_ASSERT(!set.allStarted());
    }

    void pluginSetRefusesCyclesAndMissingDependencies() {
        PluginLoader loader(MOTEL_FIXTURE_PLUGIN_DIR);
        CPPUNIT_ASSERT_THROW(PluginSet(loader, {"fixture_cycle_a", "fixture_cycle_b"}), DependencyError);
        CPPUNIT_ASSERT_THROW(PluginSet(loader, {"fixture_orphan"}), DependencyError);
        CPPUNIT_ASSERT_THROW(PluginSet(loader, {"fixture_middle"}), DependencyError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLoaderTest);
