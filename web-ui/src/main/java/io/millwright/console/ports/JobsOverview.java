package io.millwright.console.ports;

import java.util.List;

/**
 * The tenant's jobs and the quota they use.
 *
 * @param platformSlots training jobs the platform runs at once, for every tenant together
 * @param platformSlotsBusy how many of them run now
 * @param gpuHoursPerMonth the tenant's GPU hours; 0 when it has none
 */
public record JobsOverview(
    int cpuJobsRunning,
    int cpuJobsAllowed,
    int queued,
    int platformSlots,
    int platformSlotsBusy,
    int gpuConcurrency,
    double gpuHoursPerMonth,
    double gpuHoursUsed,
    List<JobRow> jobs) {}
