#include "OwnRedis.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>

#include <cppunit/TestAssert.h>

#include <unistd.h>

namespace motel::test::faults {

OwnRedis::OwnRedis(const std::string& name)
    : server_(std::vector<std::string>{"--appendonly", "yes"}),
      pluginDir_("/tmp/motel-" + name + "-plugins-" + std::to_string(::getpid())) {
    server_.start();
    Poco::File(pluginDir_).createDirectories();
    for (const std::string& dir : {std::string(MOTEL_TEST_PLUGIN_DIR), std::string(MOTEL_FAULT_PLUGIN_DIR)})
        for (Poco::DirectoryIterator it(dir), end; it != end; ++it)
            if (it.name().size() > 3 && it.name().compare(it.name().size() - 3, 3, ".so") == 0)
                CPPUNIT_ASSERT_EQUAL(0,
                                     ::symlink(it.path().toString().c_str(), (pluginDir_ + "/" + it.name()).c_str()));
}

OwnRedis::~OwnRedis() {
    try {
        Poco::File(pluginDir_).remove(true);
    } catch (...) {
        // a folder left in /tmp is harmless
    }
}

HostOptions OwnRedis::hostOptions(std::vector<std::string> plugins, const std::string& databaseUrl) const {
    HostOptions options = faults::hostOptions(std::move(plugins), databaseUrl);
    options.properties["plugins.dir"] = pluginDir_;
    options.properties["redis.url"] = server_.url();
    return options;
}

} // namespace motel::test::faults
