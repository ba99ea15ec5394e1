// A host that dies mid-job: used by RedisJobsTest to show that a job whose
// worker was killed (SIGKILL, no chance to clean up) runs again elsewhere.
//
//   redis_crash_worker <redis-url> <key-prefix> <queue> <visibility-ms>
//
// Handles <queue>; on the first job it prints "started <payload>" on stdout
// and then hangs until the test kills the process.

#include "services/redis/RedisJobs.h"

#include <Poco/Logger.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: redis_crash_worker <redis-url> <key-prefix> <queue> <visibility-ms>\n";
        return 2;
    }
    using namespace motel::host;
    RedisJobs::Options options;
    options.keyPrefix = argv[2];
    options.visibilityTimeout = std::chrono::milliseconds(std::stoll(argv[4]));
    RedisJobs jobs(RedisUrl::parse(argv[1]), "crash-worker", 1, Poco::Logger::get("crash-worker"), options);
    jobs.handle(argv[3], [](const Poco::Dynamic::Var& payload) {
        std::cout << "started " << payload.toString() << std::endl;
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    });
    jobs.start();
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}
