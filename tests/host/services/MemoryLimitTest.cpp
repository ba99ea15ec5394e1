#include "services/memory/MemoryLimit.h"
#include "services/memory/ProcessMemory.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

using namespace motel::host;

namespace {

constexpr std::uint64_t GiB = 1024ull * 1024 * 1024;

/// A throwaway directory tree standing in for /proc and /sys/fs/cgroup.
class SampleTree {
public:
    SampleTree() : root_(Poco::TemporaryFile::tempName()) { Poco::File(root_).createDirectories(); }
    ~SampleTree() {
        try {
            Poco::File(root_).remove(true);
        } catch (...) {
        }
    }
    void write(const std::string& relative, const std::string& content) const {
        const Poco::Path path(root_ + "/" + relative);
        Poco::File(path.parent()).createDirectories();
        std::ofstream(path.toString()) << content;
    }
    std::string proc() const { return root_ + "/proc"; }
    std::string cgroup() const { return root_ + "/cgroup"; }

private:
    std::string root_;
};

const char* const meminfo16GiB = "MemTotal:       16777216 kB\nMemFree:         1234 kB\n";

} // namespace

class MemoryLimitTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MemoryLimitTest);
    CPPUNIT_TEST(testParseLimitValue);
    CPPUNIT_TEST(testParseMemTotal);
    CPPUNIT_TEST(testCgroupPaths);
    CPPUNIT_TEST(testPathAndAncestors);
    CPPUNIT_TEST(testResidentFromStatm);
    CPPUNIT_TEST(testCgroupV2LimitApplies);
    CPPUNIT_TEST(testCgroupV2ParentLimitApplies);
    CPPUNIT_TEST(testCgroupV2UnlimitedFallsBackToPhysical);
    CPPUNIT_TEST(testCgroupV1Limit);
    CPPUNIT_TEST(testCgroupV1UnlimitedIsPhysical);
    CPPUNIT_TEST(testNothingReadableIsZero);
    CPPUNIT_TEST(testThisProcessHasFigures);
    CPPUNIT_TEST_SUITE_END();

public:
    void testParseLimitValue() {
        CPPUNIT_ASSERT(!MemoryLimit::parseLimitValue("max\n"));
        CPPUNIT_ASSERT(!MemoryLimit::parseLimitValue(""));
        CPPUNIT_ASSERT(!MemoryLimit::parseLimitValue("lots"));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(536870912), MemoryLimit::parseLimitValue("536870912\n").value());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(9223372036854771712ull),
                             MemoryLimit::parseLimitValue("9223372036854771712\n").value());
    }

    void testParseMemTotal() {
        CPPUNIT_ASSERT_EQUAL(16 * GiB, MemoryLimit::parseMemTotal(meminfo16GiB).value());
        CPPUNIT_ASSERT(!MemoryLimit::parseMemTotal("MemFree: 12 kB\n"));
    }

    void testCgroupPaths() {
        const std::string v2 = "0::/kubepods/burstable/pod1/abc\n";
        const std::string v1 = "12:pids:/docker/abc\n4:memory:/docker/abc\n1:name=systemd:/docker/abc\n";
        const std::string hybrid = "4:cpu,memory:/job\n0::/\n";
        CPPUNIT_ASSERT_EQUAL(std::string("/kubepods/burstable/pod1/abc"), MemoryLimit::cgroupV2Path(v2).value());
        CPPUNIT_ASSERT(!MemoryLimit::cgroupV1MemoryPath(v2));
        CPPUNIT_ASSERT_EQUAL(std::string("/docker/abc"), MemoryLimit::cgroupV1MemoryPath(v1).value());
        CPPUNIT_ASSERT(!MemoryLimit::cgroupV2Path(v1));
        CPPUNIT_ASSERT_EQUAL(std::string("/job"), MemoryLimit::cgroupV1MemoryPath(hybrid).value());
        CPPUNIT_ASSERT_EQUAL(std::string("/"), MemoryLimit::cgroupV2Path(hybrid).value());
    }

    void testPathAndAncestors() {
        const std::vector<std::string> expected{"/a/b", "/a", "/"};
        CPPUNIT_ASSERT(expected == MemoryLimit::pathAndAncestors("/a/b/"));
        CPPUNIT_ASSERT(std::vector<std::string>{"/"} == MemoryLimit::pathAndAncestors("/"));
    }

    void testResidentFromStatm() {
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2560 * 4096),
                             ProcessMemory::residentFromStatm("10000 2560 300 10 0 5000 0\n", 4096).value());
        CPPUNIT_ASSERT(!ProcessMemory::residentFromStatm("", 4096));
        CPPUNIT_ASSERT(!ProcessMemory::residentFromStatm("abc", 4096));
    }

    void testCgroupV2LimitApplies() {
        SampleTree tree;
        tree.write("proc/meminfo", meminfo16GiB);
        tree.write("proc/self/cgroup", "0::/\n");
        tree.write("cgroup/memory.max", "536870912\n");
        const MemoryLimit limit(tree.proc(), tree.cgroup());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(512 * 1024 * 1024), limit.bytes());
        CPPUNIT_ASSERT_EQUAL(std::string("cgroup v2"), limit.source());
    }

    void testCgroupV2ParentLimitApplies() {
        // No cgroup namespace: the process's own group is unlimited but its
        // parent (the pod) has a limit.
        SampleTree tree;
        tree.write("proc/meminfo", meminfo16GiB);
        tree.write("proc/self/cgroup", "0::/kubepods/pod1/app\n");
        tree.write("cgroup/kubepods/pod1/app/memory.max", "max\n");
        tree.write("cgroup/kubepods/pod1/memory.max", "1073741824\n");
        tree.write("cgroup/kubepods/memory.max", "max\n");
        CPPUNIT_ASSERT_EQUAL(GiB, MemoryLimit(tree.proc(), tree.cgroup()).bytes());
    }

    void testCgroupV2UnlimitedFallsBackToPhysical() {
        SampleTree tree;
        tree.write("proc/meminfo", meminfo16GiB);
        tree.write("proc/self/cgroup", "0::/user.slice\n");
        tree.write("cgroup/user.slice/memory.max", "max\n");
        const MemoryLimit limit(tree.proc(), tree.cgroup());
        CPPUNIT_ASSERT_EQUAL(16 * GiB, limit.bytes());
        CPPUNIT_ASSERT_EQUAL(std::string("physical"), limit.source());
    }

    void testCgroupV1Limit() {
        SampleTree tree;
        tree.write("proc/meminfo", meminfo16GiB);
        tree.write("proc/self/cgroup", "4:memory:/docker/abc\n0::/\n");
        tree.write("cgroup/memory/docker/abc/memory.limit_in_bytes", "268435456\n");
        const MemoryLimit limit(tree.proc(), tree.cgroup());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(256 * 1024 * 1024), limit.bytes());
        CPPUNIT_ASSERT_EQUAL(std::string("cgroup v1"), limit.source());
    }

    void testCgroupV1UnlimitedIsPhysical() {
        SampleTree tree;
        tree.write("proc/meminfo", meminfo16GiB);
        tree.write("proc/self/cgroup", "4:memory:/\n");
        tree.write("cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        CPPUNIT_ASSERT_EQUAL(16 * GiB, MemoryLimit(tree.proc(), tree.cgroup()).bytes());
    }

    void testNothingReadableIsZero() {
        SampleTree tree;
        const MemoryLimit limit(tree.proc(), tree.cgroup());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), limit.bytes());
        CPPUNIT_ASSERT_EQUAL(std::string("unknown"), limit.source());
    }

    void testThisProcessHasFigures() {
        const auto keep = std::make_unique<char[]>(1024 * 1024); // at least 1 MiB of heap in use
        keep[0] = 1;
        const motel::sdk::MemoryFigures snapshot = ProcessMemory().read();
        CPPUNIT_ASSERT(snapshot.heapUsedBytes >= 1024 * 1024);
        CPPUNIT_ASSERT(snapshot.residentBytes > 0);
        CPPUNIT_ASSERT(MemoryLimit().bytes() > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MemoryLimitTest);
