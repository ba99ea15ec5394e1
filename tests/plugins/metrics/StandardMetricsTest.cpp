#include "FakeMetricsRegistry.h"
#include "StandardMetrics.h"

#include "TaskCounters.h"
#include "application/RealtimeStats.h"

#include <motel/sdk/Version.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel;
using namespace motel::metrics;
using motel::metrics::test::FakeMetricsRegistry;

namespace {
/// What the host's memory service would read: fixed figures, the given limit.
StandardMetrics::MemoryReader memoryOf(std::uint64_t limitBytes) {
    return [limitBytes] {
        sdk::MemoryFigures figures;
        figures.heapUsedBytes = 3 * 1024 * 1024;
        figures.residentBytes = 20 * 1024 * 1024;
        figures.limitBytes = limitBytes;
        return figures;
    };
}
} // namespace

class StandardMetricsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StandardMetricsTest);
    CPPUNIT_TEST(testEveryDocumentedNameExists);
    CPPUNIT_TEST(testLabelledFamiliesAreLeftToTheirOwners);
    CPPUNIT_TEST(testCurrentCountsNamedTotalAreUntyped);
    CPPUNIT_TEST(testDomainGaugesStartAtZero);
    CPPUNIT_TEST(testProcessFiguresRefreshOnScrape);
    CPPUNIT_TEST(testOtherPluginsGetTheSameInstruments);
    CPPUNIT_TEST(testHelpIsTheOwnersWordForWord);
    CPPUNIT_TEST(testBuildInfo);
    CPPUNIT_TEST(testStandardProcessMetrics);
    CPPUNIT_TEST(testCpuCounterOnlyMovesForward);
    CPPUNIT_TEST(testHookOutlivesTheRegistrar);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryDocumentedNameExists() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        for (const char* name : {"motel_uptime_seconds", "motel_memory_heap_used_bytes", "motel_memory_resident_bytes",
                                 "motel_websocket_connections", "motel_websocket_users", "motel_suites_total",
                                 "motel_tasks_total", "motel_tasks_pending", "motel_tasks_in_progress"})
            CPPUNIT_ASSERT_MESSAGE(name, registry.kinds.count(name) == 1);
    }

    // Families labelled by their owners (disconnects by reason, jobs by
    // queue) get no unlabelled series here: it would stay 0 beside theirs.
    void testLabelledFamiliesAreLeftToTheirOwners() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        std::size_t labelled = 0;
        for (const auto& definition : StandardMetrics::definitions()) {
            if (definition.label.empty()) continue;
            ++labelled;
            CPPUNIT_ASSERT_MESSAGE(definition.name, registry.kinds.count(definition.name) == 0);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), labelled);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), registry.series.count({"motel_jobs_queued", {}}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), registry.series.count({"motel_websocket_disconnects_total", {}}));
    }

    void testCurrentCountsNamedTotalAreUntyped() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        CPPUNIT_ASSERT_EQUAL(std::string("untyped"), registry.kinds["motel_suites_total"]);
        CPPUNIT_ASSERT_EQUAL(std::string("untyped"), registry.kinds["motel_tasks_total"]);
        // promtool: a name ending in _total is a counter or untyped, never a gauge.
        for (const auto& [name, kind] : registry.kinds) {
            const bool endsInTotal = name.size() > 6 && name.compare(name.size() - 6, 6, "_total") == 0;
            if (endsInTotal) CPPUNIT_ASSERT_MESSAGE(name, kind == "counter" || kind == "untyped");
        }
    }

    void testDomainGaugesStartAtZero() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        CPPUNIT_ASSERT_EQUAL(0.0, registry.valueOf("motel_websocket_connections"));
        CPPUNIT_ASSERT_EQUAL(0.0, registry.valueOf("motel_tasks_pending"));
        CPPUNIT_ASSERT_EQUAL(0.0, registry.valueOf("motel_suites_total"));
    }

    void testProcessFiguresRefreshOnScrape() {
        FakeMetricsRegistry registry;
        const Poco::Timestamp startedAt = Poco::Timestamp() - 120 * Poco::Timestamp::resolution();
        StandardMetrics(registry, "1.0.0", startedAt, memoryOf(512ull * 1024 * 1024)).registerAll();
        registry.series.at({"motel_uptime_seconds", {}})->value = -1;
        registry.scrape();
        CPPUNIT_ASSERT(registry.valueOf("motel_uptime_seconds") >= 120.0);
        CPPUNIT_ASSERT(registry.valueOf("motel_memory_heap_used_bytes") > 0);
        CPPUNIT_ASSERT(registry.valueOf("motel_memory_resident_bytes") > 0);
        CPPUNIT_ASSERT_EQUAL(512.0 * 1024 * 1024, registry.valueOf("motel_memory_limit_bytes"));
    }

    void testOtherPluginsGetTheSameInstruments() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        // What the realtime plugin does later, with the documented kind.
        registry.gauge("motel_websocket_users", "Distinct users with at least one connected socket", {}).set(4);
        CPPUNIT_ASSERT_EQUAL(4.0, registry.valueOf("motel_websocket_users"));
        for (const auto& definition : StandardMetrics::definitions())
            CPPUNIT_ASSERT_MESSAGE(definition.name, !definition.help.empty());
    }

    void testHelpIsTheOwnersWordForWord() {
        // Whoever registers a family first sets its HELP line: the owners
        // (the realtime and tasks plugins here) and this list must agree.
        FakeMetricsRegistry owners;
        realtime::RealtimeStats stats;
        stats.bind(owners);
        tasks::TaskCounters counters(owners);
        std::size_t compared = 0;
        for (const auto& definition : StandardMetrics::definitions()) {
            const auto owned = owners.helps.find(definition.name);
            if (owned == owners.helps.end()) continue;
            CPPUNIT_ASSERT_EQUAL_MESSAGE(definition.name, owned->second, definition.help);
            ++compared;
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(7), compared); // 4 websocket families, 3 of tasks
    }

    void testBuildInfo() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "2.3.4", Poco::Timestamp(), memoryOf(0)).registerAll();
        const std::string sdk = std::to_string(MOTEL_SDK_ABI_MAJOR) + "." + std::to_string(MOTEL_SDK_ABI_MINOR);
        CPPUNIT_ASSERT_EQUAL(1.0, registry.valueOf("motel_build_info", {{"version", "2.3.4"}, {"sdk", sdk}}));
    }

    void testStandardProcessMetrics() {
        FakeMetricsRegistry registry;
        const Poco::Timestamp startedAt = Poco::Timestamp::fromEpochTime(1700000000);
        StandardMetrics(registry, "1.0.0", startedAt, memoryOf(0)).registerAll();
        registry.scrape();
        CPPUNIT_ASSERT_EQUAL(std::string("counter"), registry.kinds["process_cpu_seconds_total"]);
        CPPUNIT_ASSERT_EQUAL(1700000000.0, registry.valueOf("process_start_time_seconds"));
        CPPUNIT_ASSERT(registry.valueOf("process_resident_memory_bytes") > 0);
        CPPUNIT_ASSERT(registry.valueOf("process_virtual_memory_bytes") >=
                       registry.valueOf("process_resident_memory_bytes"));
        CPPUNIT_ASSERT(registry.valueOf("process_open_fds") >= 3);
        CPPUNIT_ASSERT(registry.valueOf("process_max_fds") >= registry.valueOf("process_open_fds"));
    }

    void testCpuCounterOnlyMovesForward() {
        FakeMetricsRegistry registry;
        StandardMetrics(registry, "1.0.0", Poco::Timestamp(), memoryOf(0)).registerAll();
        const double before = registry.valueOf("process_cpu_seconds_total");
        volatile double sink = 0;
        for (int i = 0; i < 30000000; ++i) sink = sink + i * 0.5; // burn some CPU time
        registry.scrape();
        const double after = registry.valueOf("process_cpu_seconds_total");
        CPPUNIT_ASSERT(after > before);
        registry.scrape();
        CPPUNIT_ASSERT(registry.valueOf("process_cpu_seconds_total") >= after);
    }

    void testHookOutlivesTheRegistrar() {
        FakeMetricsRegistry registry;
        {
            StandardMetrics standard(registry, "1.0.0", Poco::Timestamp(), memoryOf(0));
            standard.registerAll();
        }
        registry.scrape(); // must not touch the destroyed StandardMetrics
        CPPUNIT_ASSERT(registry.valueOf("motel_memory_resident_bytes") > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StandardMetricsTest);
