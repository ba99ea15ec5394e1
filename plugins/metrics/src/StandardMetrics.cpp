#include "StandardMetrics.h"

#include "ProcessStats.h"

#include <motel/sdk/Version.h>

#include <mutex>
#include <stdexcept>

namespace motel::metrics {

namespace {

using Kind = MetricDefinition::Kind;

const char* const uptimeName = "motel_uptime_seconds";
const char* const heapName = "motel_memory_heap_used_bytes";
const char* const residentName = "motel_memory_resident_bytes";
const char* const limitName = "motel_memory_limit_bytes";
const char* const buildInfoName = "motel_build_info";
const char* const cpuName = "process_cpu_seconds_total";
const char* const processResidentName = "process_resident_memory_bytes";
const char* const virtualName = "process_virtual_memory_bytes";
const char* const openFdsName = "process_open_fds";
const char* const maxFdsName = "process_max_fds";
const char* const startTimeName = "process_start_time_seconds";

// The SDK ABI this plugin was built against; the loader admits it only into
// a host of the same major version.
std::string sdkVersion() {
    return std::to_string(MOTEL_SDK_ABI_MAJOR) + "." + std::to_string(MOTEL_SDK_ABI_MINOR);
}

const MetricDefinition& definitionOf(const std::string& name) {
    for (const auto& definition : StandardMetrics::definitions()) {
        if (definition.name == name) return definition;
    }
    throw std::logic_error("no standard metric named " + name);
}

} // namespace

const std::vector<MetricDefinition>& StandardMetrics::definitions() {
    static const std::vector<MetricDefinition> all{
        {uptimeName, Kind::gauge, "Seconds since the host started"},
        {heapName, Kind::gauge, "Heap bytes allocated and in use (malloc)"},
        {residentName, Kind::gauge, "Resident set size of the host process in bytes"},
        {limitName, Kind::gauge, "Memory the process may use (cgroup limit or physical RAM) in bytes"},
        {cpuName, Kind::counter, "Total user and system CPU time spent in seconds"},
        {processResidentName, Kind::gauge, "Resident memory size in bytes"},
        {virtualName, Kind::gauge, "Virtual memory size in bytes"},
        {openFdsName, Kind::gauge, "Number of open file descriptors"},
        {maxFdsName, Kind::gauge, "Maximum number of open file descriptors"},
        {startTimeName, Kind::gauge, "Start time of the process since unix epoch in seconds"},
        {"motel_websocket_connections", Kind::gauge, "Connected Socket.IO sockets"},
        {"motel_websocket_users", Kind::gauge, "Distinct users with at least one connected socket"},
        {"motel_websocket_connects_total", Kind::counter, "Socket.IO connections accepted"},
        {"motel_websocket_disconnects_total", Kind::counter, "Socket.IO disconnections by reason", "reason"},
        {"motel_realtime_relay_buffered", Kind::gauge, "Realtime events waiting for Redis to reach the other hosts"},
        {"motel_realtime_relay_dropped_total", Kind::counter,
         "Realtime events dropped because the relay buffer was full"},
        {"motel_realtime_relay_retries_total", Kind::counter,
         "Realtime events whose append to Redis had to be retried"},
        {"motel_suites_total", Kind::untyped, "Suites currently in the motel"},
        {"motel_tasks_total", Kind::untyped, "Tasks currently on the board, in any status"},
        {"motel_tasks_pending", Kind::gauge, "Tasks waiting to be started"},
        {"motel_tasks_in_progress", Kind::gauge, "Tasks being worked on"},
        {"motel_jobs_queued", Kind::gauge, "Queued background jobs waiting to run", "queue"},
        {"motel_jobs_running", Kind::gauge, "Background jobs running now", "queue"},
        {"motel_jobs_completed_total", Kind::counter, "Background job runs that succeeded", "queue"},
        {"motel_jobs_failed_total", Kind::counter, "Background job runs that failed (each failed attempt)", "queue"},
        {"motel_jobs_dead_lettered_total", Kind::counter, "Queued jobs moved to the dead-letter list", "queue"},
    };
    return all;
}

StandardMetrics::StandardMetrics(sdk::MetricsRegistry& registry, std::string version, Poco::Timestamp startedAt,
                                 MemoryReader readMemory)
    : registry_(registry), version_(std::move(version)), startedAt_(startedAt), readMemory_(std::move(readMemory)) {}

void StandardMetrics::registerAll() {
    for (const auto& definition : definitions()) {
        if (!definition.label.empty()) continue; // its owner registers the labelled series
        switch (definition.kind) {
        case Kind::counter:
            registry_.counter(definition.name, definition.help);
            break;
        case Kind::gauge:
            registry_.gauge(definition.name, definition.help);
            break;
        case Kind::untyped:
            registry_.untyped(definition.name, definition.help);
            break;
        }
    }
    registry_
        .gauge(buildInfoName, "Always 1; the labels carry the host version and the SDK ABI version",
               {{"version", version_}, {"sdk", sdkVersion()}})
        .set(1);
    registry_.gauge(startTimeName, definitionOf(startTimeName).help)
        .set(static_cast<double>(startedAt_.epochMicroseconds()) / 1e6);
    const auto gauge = [this](const char* name) { return &registry_.gauge(name, definitionOf(name).help); };
    const ProcessGauges process{gauge(uptimeName),
                                gauge(heapName),
                                gauge(residentName),
                                gauge(limitName),
                                &registry_.counter(cpuName, definitionOf(cpuName).help),
                                gauge(processResidentName),
                                gauge(virtualName),
                                gauge(openFdsName),
                                gauge(maxFdsName),
                                std::make_shared<CpuReported>(),
                                startedAt_,
                                readMemory_};
    process.refresh();
    registry_.onScrape([process] { process.refresh(); });
}

void StandardMetrics::ProcessGauges::refresh() const {
    const sdk::MemoryFigures memory = readMemory ? readMemory() : sdk::MemoryFigures{};
    uptime->set(static_cast<double>(Poco::Timestamp() - startedAt) / 1e6);
    heapUsed->set(static_cast<double>(memory.heapUsedBytes));
    resident->set(static_cast<double>(memory.residentBytes));
    limit->set(static_cast<double>(memory.limitBytes));

    const ProcessSample sample = ProcessStats().read();
    {
        // A counter only moves forward: add what was used since the last
        // scrape (scrapes may run concurrently, hence the lock).
        std::lock_guard<std::mutex> lock(cpuReported->mutex);
        if (sample.cpuSeconds > cpuReported->seconds) {
            cpuSeconds->increment(sample.cpuSeconds - cpuReported->seconds);
            cpuReported->seconds = sample.cpuSeconds;
        }
    }
    processResident->set(static_cast<double>(sample.residentBytes));
    virtualMemory->set(static_cast<double>(sample.virtualBytes));
    openFds->set(static_cast<double>(sample.openFds));
    maxFds->set(static_cast<double>(sample.maxFds));
}

} // namespace motel::metrics
