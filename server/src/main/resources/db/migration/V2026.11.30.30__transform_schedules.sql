-- Scheduled transforms: a transform may run by itself ('every 1h', 'cron 0 6 * * 1-5 Europe/Berlin')
-- on the platform's durable job engine. The row keeps what a person needs to trust the schedule:
-- the last run (when, how it went, which version it wrote), when the next is due, and why the
-- schedule was paused if it kept failing.
alter table dataset_transform
  add column schedule        text not null default 'manual' check (length(schedule) <= 200),
  add column paused_reason   text check (length(paused_reason) <= 2000),
  add column failures        integer not null default 0 check (failures >= 0),
  add column last_run_at     timestamptz,
  add column last_run_status text check (last_run_status in ('succeeded', 'failed')),
  add column last_run_message text check (length(last_run_message) <= 2000),
  add column last_run_version bigint,
  add column next_run_at     timestamptz;
