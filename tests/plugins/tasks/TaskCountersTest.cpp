#include "TaskCounters.h"

#include "services/PrometheusMetrics.h"

#include <Poco/Logger.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::host::PrometheusMetrics;
using motel::tasks::TaskCounters;

namespace {
bool hasLine(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}
} // namespace

class TaskCountersTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaskCountersTest);
    CPPUNIT_TEST(movesFollowTheStatus);
    CPPUNIT_TEST_SUITE_END();

public:
    void movesFollowTheStatus() {
        PrometheusMetrics metrics(Poco::Logger::get("test"));
        TaskCounters counters(metrics);
        counters.moved(std::nullopt, std::string("pending"));
        counters.moved(std::nullopt, std::string("pending"));
        counters.moved(std::string("pending"), std::string("in_progress"));
        counters.moved(std::string("in_progress"), std::string("completed"));
        counters.moved(std::string("pending"), std::nullopt);
        const std::string text = metrics.renderPrometheus();
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "# TYPE motel_tasks_total untyped"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "motel_tasks_total 1"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "motel_tasks_pending 0"));
        CPPUNIT_ASSERT_MESSAGE(text, hasLine(text, "motel_tasks_in_progress 0"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TaskCountersTest);
