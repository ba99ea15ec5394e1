// End-to-end throughput of the Redis job queue: jobs enqueued by producer
// threads, handled by RedisJobs workers, acknowledged in Redis.
//
//   motel_jobs_bench <redis-url> [jobs=20000] [workers=8] [producers=4]
//
// Prints the enqueue rate (producers only, nobody consuming), the drain
// rate (workers only, everything already queued) and the end-to-end rate
// (both at once, first enqueue to last acknowledgement). Uses keys under a
// random prefix and deletes them afterwards.

#include "services/redis/RedisConnection.h"
#include "services/redis/RedisJobs.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>
#include <Poco/UUIDGenerator.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using namespace motel::host;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration elapsed) {
    return std::chrono::duration<double>(elapsed).count();
}

void produce(RedisJobs& jobs, const std::string& queue, int count, int producers) {
    std::vector<std::thread> threads;
    for (int producer = 0; producer < producers; ++producer)
        threads.emplace_back([&jobs, &queue, count, producers, producer] {
            for (int job = producer; job < count; job += producers) jobs.enqueue(queue, job);
        });
    for (auto& thread : threads) thread.join();
}

void waitFor(const std::atomic<int>& handled, int count) {
    while (handled.load() < count) std::this_thread::sleep_for(std::chrono::microseconds(200));
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <redis-url> [jobs] [workers] [producers]\n", argv[0]);
        return 2;
    }
    const auto url = RedisUrl::parse(argv[1]);
    const int count = argc > 2 ? std::stoi(argv[2]) : 20000;
    const int workers = argc > 3 ? std::stoi(argv[3]) : 8;
    const int producers = argc > 4 ? std::stoi(argv[4]) : 4;
    auto& logger = Poco::Logger::get("bench");
    logger.setLevel(Poco::Message::PRIO_WARNING);

    RedisJobs::Options options;
    options.keyPrefix = "motel:queue:bench-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString() + ":";
    RedisJobs jobs(url, RedisJobs::defaultInstanceId(), static_cast<std::size_t>(workers), logger, options);
    std::atomic<int> handled{0};

    // 1. Enqueue only: nobody handles "drain" yet.
    auto start = Clock::now();
    produce(jobs, "drain", count, producers);
    const double enqueueRate = count / seconds(Clock::now() - start);

    // 2. Drain only: everything is waiting.
    jobs.handle("drain", [&handled](const Poco::Dynamic::Var&) { ++handled; });
    jobs.handle("flow", [&handled](const Poco::Dynamic::Var&) { ++handled; });
    start = Clock::now();
    jobs.start();
    waitFor(handled, count);
    const double drainRate = count / seconds(Clock::now() - start);

    // 3. End to end: producers and workers at once.
    handled = 0;
    start = Clock::now();
    produce(jobs, "flow", count, producers);
    waitFor(handled, count);
    const double endToEndRate = count / seconds(Clock::now() - start);
    jobs.stop(std::chrono::seconds(5));

    RedisConnection cleanup(url, logger, RedisConnection::Options(), "bench cleanup");
    for (const char* queue : {"drain", "flow"})
        for (const char* suffix : {":stream", ":delayed", ":dead"})
            cleanup.command({"DEL", options.keyPrefix + queue + suffix});

    std::printf("jobs=%d workers=%d producers=%d\n", count, workers, producers);
    std::printf("enqueue only:  %10.0f jobs/s\n", enqueueRate);
    std::printf("drain only:    %10.0f jobs/s\n", drainRate);
    std::printf("end to end:    %10.0f jobs/s\n", endToEndRate);
    return 0;
}
