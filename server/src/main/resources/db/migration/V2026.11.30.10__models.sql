-- Models: training runs as durable jobs, the registry of model versions and their aliases.

-- db-scheduler's table (its documented PostgreSQL schema). Platform-level: a row names a task and
-- an instance (a training run's id) and carries the tenant id as data; no tenant data is in here.
create table scheduled_tasks (
  task_name             text not null,
  task_instance         text not null,
  task_data             bytea,
  execution_time        timestamptz not null,
  picked                boolean not null,
  picked_by             text,
  last_success          timestamptz,
  last_failure          timestamptz,
  consecutive_failures  integer,
  last_heartbeat        timestamptz,
  version               bigint not null,
  priority              smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority on scheduled_tasks (priority desc, execution_time asc);
grant select, insert, update, delete on scheduled_tasks to ${app_role};

-- A request to train a model type on a dataset pinned at one snapshot, and what became of it.
create table training_run (
  tenant_id            uuid not null,
  run_id               uuid not null,
  model_name           text not null,
  dataset_id           uuid not null,
  dataset_name         text not null,
  snapshot_id          bigint not null,
  model_type           text not null,
  task                 text not null,
  target               text,
  features             text not null,            -- JSON [{"name", "kind"}]
  time_column          text,
  split                text not null check (split in ('random', 'time')),
  validation_fraction  double precision not null check (validation_fraction > 0 and validation_fraction < 1),
  hyper_parameters     text not null,            -- JSON, resolved with defaults
  seed                 bigint not null,
  device               text not null default 'cpu',
  status               text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  waiting_reason       text,
  cancel_requested     boolean not null default false,
  attempts             integer not null default 0,
  node_id              text,
  plugin_id            text,
  plugin_version       text,
  model_type_version   text,
  epochs               text not null default '[]', -- JSON progress, one entry per epoch
  epochs_planned       integer,
  metrics              text,                     -- JSON, computed by the host on the held-out rows
  baseline             text,                     -- JSON, the naive baseline's same metrics
  training_rows        bigint,
  validation_rows      bigint,
  artifact_location    text,
  artifact_sha256      text,
  artifact_bytes       bigint,
  cpu_seconds          double precision not null default 0,
  gpu_seconds          double precision not null default 0,
  model_version        integer,
  error                text,
  requested_by         text not null,
  queued_at            timestamptz not null default now(),
  started_at           timestamptz,
  finished_at          timestamptz,
  primary key (tenant_id, run_id)
);
create index training_run_recent on training_run (tenant_id, queued_at desc);
create index training_run_queue on training_run (status, queued_at) where status in ('queued', 'running');
alter table training_run enable row level security;
alter table training_run force row level security;
create policy training_run_isolation on training_run
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
-- Admission counts every tenant's running jobs, and start-up finds runs cut off on this node.
create policy training_run_scheduler on training_run
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on training_run to ${app_role};

create table model (
  tenant_id    uuid not null,
  model_id     uuid not null,
  name         text not null,
  task         text not null,
  created_at   timestamptz not null default now(),
  created_by   text not null,
  primary key (tenant_id, model_id),
  unique (tenant_id, name)
);
alter table model enable row level security;
alter table model force row level security;
create policy model_isolation on model
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on model to ${app_role};

-- One trained, evaluated model: everything needed to reproduce it and to trust it.
create table model_version (
  tenant_id           uuid not null,
  model_id            uuid not null,
  version             integer not null,
  run_id              uuid not null,
  model_type          text not null,
  model_type_version  text not null,
  plugin_id           text not null,
  plugin_version      text not null,
  dataset_name        text not null,
  snapshot_id         bigint not null,
  hyper_parameters    text not null,
  seed                bigint not null,
  metrics             text not null,
  baseline            text not null,
  signature           text not null,
  artifact_sha256     text not null,
  created_at          timestamptz not null default now(),
  created_by          text not null,
  primary key (tenant_id, model_id, version),
  foreign key (tenant_id, model_id) references model (tenant_id, model_id) on delete cascade
);
alter table model_version enable row level security;
alter table model_version force row level security;
create policy model_version_isolation on model_version
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on model_version to ${app_role};

-- Which version is the champion (serves) or the challenger; the history makes rollback one step.
create table model_alias_event (
  tenant_id    uuid not null,
  model_id     uuid not null,
  seq          bigserial,
  alias        text not null check (alias in ('champion', 'challenger')),
  version      integer,                       -- null: the alias was removed
  reason       text,
  set_at       timestamptz not null default now(),
  set_by       text not null,
  primary key (tenant_id, model_id, seq),
  foreign key (tenant_id, model_id) references model (tenant_id, model_id) on delete cascade
);
alter table model_alias_event enable row level security;
alter table model_alias_event force row level security;
create policy model_alias_event_isolation on model_alias_event
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on model_alias_event to ${app_role};
grant usage on sequence model_alias_event_seq_seq to ${app_role};
