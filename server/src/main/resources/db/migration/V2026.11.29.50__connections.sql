-- Connectors: plugins installed on the platform, which of them each tenant may use, and each
-- tenant's connections (a configured instance of a connector writing into one dataset) with their
-- runs. The committed offset of a connection is advanced in the same transaction as the dataset
-- commit holding the records before it: that is what makes ingestion exactly-once.

-- Plugins installed through the admin API. The archive is kept here, not only on one node's disk,
-- so every node of a cluster loads the same plugins (each syncs this table into its plugins
-- directory). Platform data, no tenant: the application role reads it, platform admins change it.
create table installed_plugin (
  plugin_id     text primary key check (plugin_id ~ '^[a-z][a-z0-9.-]{1,63}$'),
  version       text not null,
  requires      text not null,
  archive       bytea not null,
  sha256        text not null,
  signed_by     text not null,
  enabled       boolean not null default true,
  installed_at  timestamptz not null default now(),
  installed_by  text not null
);
grant select, insert, update, delete on installed_plugin to ${app_role};

-- Per tenant, whether a plugin may be used. No row: plugins shipped with Millwright are allowed,
-- plugins installed later are not (a platform admin enables them tenant by tenant).
create table tenant_plugin (
  tenant_id   uuid not null,
  plugin_id   text not null,
  enabled     boolean not null,
  changed_at  timestamptz not null default now(),
  changed_by  text not null,
  primary key (tenant_id, plugin_id)
);
alter table tenant_plugin enable row level security;
alter table tenant_plugin force row level security;
create policy tenant_plugin_isolation on tenant_plugin
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
create policy tenant_plugin_platform on tenant_plugin
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on tenant_plugin to ${app_role};

create table connection (
  tenant_id             uuid not null,
  connection_id         uuid not null,
  name                  text not null check (name ~ '^[a-z][a-z0-9_-]{1,63}$'),
  description           text not null default '' check (length(description) <= 2000),
  connector_id          text not null,
  dataset_id            uuid not null,
  -- Options that are not secret, as JSON; secret ones are sealed with the tenant's data key and
  -- never leave the server.
  config                text not null,
  secrets               bytea,
  -- 'every PT5M', 'cron 0 0/5 * * * ?', 'stream' or 'push'.
  schedule              text not null,
  write_mode            text not null check (write_mode in ('append', 'replace')),
  batch_records         integer not null check (batch_records between 1 and 1000000),
  batch_wait_ms         integer not null check (batch_wait_ms between 10 and 600000),
  state                 text not null check (state in ('active', 'paused')),
  paused_reason         text,
  consecutive_failures  integer not null default 0,
  committed_offset      text,
  committed_snapshot    bigint,
  committed_at          timestamptz,
  created_at            timestamptz not null default now(),
  created_by            text not null,
  updated_at            timestamptz not null default now(),
  version               bigint not null default 0,
  primary key (tenant_id, connection_id),
  unique (tenant_id, name),
  -- A dataset a connection writes into cannot be deleted from under it.
  foreign key (tenant_id, dataset_id) references dataset (tenant_id, dataset_id)
);
alter table connection enable row level security;
alter table connection force row level security;
create policy connection_isolation on connection
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
-- The runtime lists every tenant's active connections at start-up (platform scope).
create policy connection_runtime on connection
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on connection to ${app_role};

-- One run of a connection: a scheduled or manual poll until the source had nothing more, a
-- streaming session, or the pushes of a day. Counts grow with every commit of the run.
create table connection_run (
  tenant_id          uuid not null,
  run_id             uuid not null,
  connection_id      uuid not null,
  trigger            text not null check (trigger in ('schedule', 'manual', 'stream', 'push')),
  status             text not null check (status in ('running', 'succeeded', 'failed', 'interrupted')),
  records_read       bigint not null default 0,
  rows_written       bigint not null default 0,
  rows_quarantined   bigint not null default 0,
  rows_deduplicated  bigint not null default 0,
  commits            integer not null default 0,
  offset_from        text,
  offset_to          text,
  error              text,
  node_id            text not null,
  started_at         timestamptz not null default now(),
  finished_at        timestamptz,
  primary key (tenant_id, run_id),
  foreign key (tenant_id, connection_id) references connection (tenant_id, connection_id)
    on delete cascade
);
create index connection_run_recent on connection_run (tenant_id, connection_id, started_at desc);
alter table connection_run enable row level security;
alter table connection_run force row level security;
create policy connection_run_isolation on connection_run
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
create policy connection_run_recovery on connection_run
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on connection_run to ${app_role};

-- Deliveries a push connection accepted, by the sender's id: a second one with the same id is a
-- replay and is refused. Kept for twice the connection's freshness tolerance.
create table push_delivery (
  tenant_id      uuid not null,
  connection_id  uuid not null,
  delivery_id    text not null check (length(delivery_id) between 1 and 200),
  received_at    timestamptz not null default now(),
  primary key (tenant_id, connection_id, delivery_id),
  foreign key (tenant_id, connection_id) references connection (tenant_id, connection_id)
    on delete cascade
);
alter table push_delivery enable row level security;
alter table push_delivery force row level security;
create policy push_delivery_isolation on push_delivery
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on push_delivery to ${app_role};
