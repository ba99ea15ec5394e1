#include "ServiceTestSupport.h"

#include "services/PrometheusMetrics.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <iostream>
#include <stdexcept>
#include <thread>

using motel::host::PrometheusMetrics;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// A registry with one instrument of every kind, labelled and not.
void populate(PrometheusMetrics& metrics) {
    metrics
        .counter("motel_http_requests_total", "HTTP requests by route and status",
                 {{"route", "/api/suites/:id"}, {"method", "GET"}, {"status", "200"}})
        .increment(3);
    metrics
        .counter("motel_http_requests_total", "HTTP requests by route and status",
                 {{"route", "/api/suites"}, {"method", "POST"}, {"status", "201"}})
        .increment();
    metrics.counter("motel_http_errors_total", "Help with a backslash \\ and a\nnewline").increment(2);
    metrics.gauge("motel_uptime_seconds", "Seconds since start").set(12.5);
    metrics.untyped("motel_suites_total", "Suites right now").set(7);
    metrics.untyped("motel_tasks_total", "Tasks by status", {{"status", "pending"}}).set(4);
    metrics
        .histogram("motel_http_request_duration_seconds", "Latency", {0.005, 0.1, 1},
                   {{"route", "label \"with\" quotes\\"}})
        .observe(0.05);
    metrics.histogram("motel_job_duration_seconds", "Job time", {0.5, 2.5}).observe(1);
}

} // namespace

class PrometheusMetricsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PrometheusMetricsTest);
    CPPUNIT_TEST(testSameNameAndLabelsGiveSameInstrument);
    CPPUNIT_TEST(testKindMismatchThrows);
    CPPUNIT_TEST(testRejectsBadBucketsAndNames);
    CPPUNIT_TEST(testPrometheusTextHasTypesAndValues);
    CPPUNIT_TEST(testUntypedKeepsItsType);
    CPPUNIT_TEST(testScrapeHooksRunBeforeEveryRender);
    CPPUNIT_TEST(testThrowingScrapeHookIsLogged);
    CPPUNIT_TEST(testJsonShapes);
    CPPUNIT_TEST(testPromtoolAcceptsTheText);
    CPPUNIT_TEST(testConcurrentUpdates);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSameNameAndLabelsGiveSameInstrument() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        auto& first = metrics.counter("jobs_total", "Jobs", {{"queue", "mail"}});
        auto& again = metrics.counter("jobs_total", "Jobs", {{"queue", "mail"}});
        auto& other = metrics.counter("jobs_total", "Jobs", {{"queue", "sms"}});
        CPPUNIT_ASSERT(&first == &again);
        CPPUNIT_ASSERT(&first != &other);
        CPPUNIT_ASSERT(&metrics.gauge("depth", "Depth") == &metrics.gauge("depth", "Depth"));
    }

    void testKindMismatchThrows() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        metrics.counter("requests_total", "Requests");
        metrics.gauge("depth", "Depth");
        CPPUNIT_ASSERT_THROW(metrics.gauge("requests_total", "Requests"), std::logic_error);
        CPPUNIT_ASSERT_THROW(metrics.untyped("depth", "Depth"), std::logic_error);
        CPPUNIT_ASSERT_THROW(metrics.histogram("depth", "Depth", {1}), std::logic_error);
        try {
            metrics.counter("depth", "Depth");
            CPPUNIT_FAIL("a gauge name was accepted as a counter");
        } catch (const std::logic_error& error) {
            CPPUNIT_ASSERT(contains(error.what(), "'depth'"));
            CPPUNIT_ASSERT(contains(error.what(), "gauge"));
        }
    }

    void testRejectsBadBucketsAndNames() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        CPPUNIT_ASSERT_THROW(metrics.histogram("h", "H", {}), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(metrics.histogram("h", "H", {1, 1}), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(metrics.histogram("h", "H", {2, 1}), std::invalid_argument);
        metrics.histogram("h", "H", {1, 2});
        CPPUNIT_ASSERT_THROW(metrics.histogram("h", "H", {1, 5}, {{"x", "y"}}), std::logic_error);
        CPPUNIT_ASSERT_THROW(metrics.counter("bad name", "Bad"), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(metrics.counter("ok_total", "Ok", {{"bad-label", "x"}}), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(metrics.histogram("h2", "H", {1}, {{"le", "1"}}), std::invalid_argument);
        // Nothing was registered by the failed calls.
        const auto json = metrics.renderJson();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), json->size());
        CPPUNIT_ASSERT(json->has("h"));
    }

    void testPrometheusTextHasTypesAndValues() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        populate(metrics);

        const auto text = metrics.renderPrometheus();

        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "# TYPE motel_http_requests_total counter\n"));
        CPPUNIT_ASSERT_MESSAGE(
            text,
            contains(text, "motel_http_requests_total{method=\"GET\",route=\"/api/suites/:id\",status=\"200\"} 3\n"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "# TYPE motel_uptime_seconds gauge\nmotel_uptime_seconds 12.5\n"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "# HELP motel_http_errors_total Help with a backslash \\\\ and "
                                                    "a\\nnewline\n"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "# TYPE motel_http_request_duration_seconds histogram\n"));
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "le=\"+Inf\"} 1\n"));
    }

    void testUntypedKeepsItsType() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        auto& suites = metrics.untyped("motel_suites_total", "Suites right now");
        suites.set(9);
        suites.increment(2);
        suites.decrement();

        const auto text = metrics.renderPrometheus();

        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "# TYPE motel_suites_total untyped\nmotel_suites_total 10\n"));
        CPPUNIT_ASSERT_EQUAL(10.0, metrics.renderJson()->getValue<double>("motel_suites_total"));
    }

    void testScrapeHooksRunBeforeEveryRender() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        int scrapes = 0;
        metrics.onScrape([&] { metrics.gauge("motel_scrapes", "Scrapes seen").set(++scrapes); });

        CPPUNIT_ASSERT(contains(metrics.renderPrometheus(), "motel_scrapes 1\n"));
        CPPUNIT_ASSERT_EQUAL(2.0, metrics.renderJson()->getValue<double>("motel_scrapes"));
        CPPUNIT_ASSERT(contains(metrics.renderPrometheus(), "motel_scrapes 3\n"));
    }

    void testThrowingScrapeHookIsLogged() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        metrics.onScrape([] { throw std::runtime_error("cannot read /proc"); });
        metrics.onScrape([&] { metrics.gauge("after", "Set by the second hook").set(1); });

        CPPUNIT_ASSERT(contains(metrics.renderPrometheus(), "after 1\n"));
        const auto messages = log.channel->messages();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        CPPUNIT_ASSERT(contains(messages[0], "cannot read /proc"));
    }

    void testJsonShapes() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        populate(metrics);

        const auto json = metrics.renderJson();

        CPPUNIT_ASSERT_EQUAL(12.5, json->getValue<double>("motel_uptime_seconds"));
        CPPUNIT_ASSERT_EQUAL(7.0, json->getValue<double>("motel_suites_total"));
        CPPUNIT_ASSERT_EQUAL(2.0, json->getValue<double>("motel_http_errors_total"));

        const auto tasks = json->getArray("motel_tasks_total");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), tasks->size());
        CPPUNIT_ASSERT_EQUAL(std::string("pending"),
                             tasks->getObject(0)->getObject("labels")->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(4.0, tasks->getObject(0)->getValue<double>("value"));

        const auto requests = json->getArray("motel_http_requests_total");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), requests->size());
        double total = 0;
        for (std::size_t series = 0; series < requests->size(); ++series)
            total += requests->getObject(series)->getValue<double>("value");
        CPPUNIT_ASSERT_EQUAL(4.0, total);

        const auto jobs = json->getObject("motel_job_duration_seconds");
        CPPUNIT_ASSERT(jobs);
        CPPUNIT_ASSERT_EQUAL(1, jobs->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(1.0, jobs->getValue<double>("sum"));
        const auto buckets = jobs->getObject("buckets");
        CPPUNIT_ASSERT_EQUAL(0, buckets->getValue<int>("0.5"));
        CPPUNIT_ASSERT_EQUAL(1, buckets->getValue<int>("2.5"));
        CPPUNIT_ASSERT_EQUAL(1, buckets->getValue<int>("+Inf"));

        const auto latency = json->getArray("motel_http_request_duration_seconds");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), latency->size());
        const auto series = latency->getObject(0);
        CPPUNIT_ASSERT_EQUAL(1, series->getObject("buckets")->getValue<int>("0.1"));
        CPPUNIT_ASSERT_EQUAL(0, series->getObject("buckets")->getValue<int>("0.005"));
        CPPUNIT_ASSERT(series->getObject("labels")->has("route"));
    }

    void testPromtoolAcceptsTheText() {
#ifdef MOTEL_PROMTOOL
        if (!Poco::File(MOTEL_PROMTOOL).exists()) CPPUNIT_FAIL(std::string("promtool is gone from ") + MOTEL_PROMTOOL);
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        populate(metrics);
        const auto text = metrics.renderPrometheus();

        Poco::Pipe input;
        Poco::Pipe output;
        auto handle = Poco::Process::launch(MOTEL_PROMTOOL, {"check", "metrics"}, &input, &output, &output);
        {
            Poco::PipeOutputStream toPromtool(input);
            toPromtool << text;
            toPromtool.close();
        }
        Poco::PipeInputStream fromPromtool(output);
        std::string verdict;
        Poco::StreamCopier::copyToString(fromPromtool, verdict);
        const int status = handle.wait();
        CPPUNIT_ASSERT_MESSAGE(verdict + "\n---\n" + text, status == 0);
#else
        std::cerr << "[promtool not installed: exposition not checked by promtool] ";
#endif
    }

    void testConcurrentUpdates() {
        motel::test::RecordingLogger log;
        PrometheusMetrics metrics(log.logger);
        std::vector<std::thread> threads;
        for (int thread = 0; thread < 4; ++thread)
            threads.emplace_back([&metrics] {
                for (int request = 0; request < 1000; ++request) {
                    metrics.counter("hits_total", "Hits", {{"shard", std::to_string(request % 3)}}).increment();
                    metrics.histogram("took_seconds", "Took", {0.1, 1}).observe(0.5);
                }
            });
        std::thread scraper([&metrics] {
            for (int scrape = 0; scrape < 50; ++scrape) metrics.renderPrometheus();
        });
        for (auto& thread : threads) thread.join();
        scraper.join();

        const auto json = metrics.renderJson();
        double hits = 0;
        const auto series = json->getArray("hits_total");
        for (std::size_t index = 0; index < series->size(); ++index)
            hits += series->getObject(index)->getValue<double>("value");
        CPPUNIT_ASSERT_EQUAL(4000.0, hits);
        CPPUNIT_ASSERT_EQUAL(4000, json->getObject("took_seconds")->getValue<int>("count"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PrometheusMetricsTest);
