-- Datasets: a tenant's governed, versioned tables. The data lives in Apache Iceberg tables under
-- the tenant's storage area, encrypted with the tenant's data key; this schema is the Iceberg
-- catalog (the pointer to each table's current metadata file) plus what Iceberg does not keep:
-- the dataset's declared contract, its uploads and its quarantine. All tenant data: tenant_id
-- leads every key and row-level security applies as everywhere else.

create table dataset (
  tenant_id                   uuid not null,
  dataset_id                  uuid not null,
  name                        text not null check (name ~ '^[a-z][a-z0-9_]{1,63}$'),
  description                 text not null default '' check (length(description) <= 2000),
  owner                       text not null,
  -- The declared contract as JSON (columns with type, unit, glossary term, PII flag and rules;
  -- primary key; partitioning; retention; freshness). Versioned with the row.
  spec                        text not null,
  -- The Iceberg catalog: a commit swaps metadata_location with compare-and-set in the same
  -- transaction that records the upload, its quarantine, audit and usage, so a dataset is
  -- always exactly at one snapshot or the next, never in between.
  metadata_location           text,
  previous_metadata_location  text,
  created_at                  timestamptz not null default now(),
  created_by                  text not null,
  updated_at                  timestamptz not null default now(),
  version                     bigint not null default 0,
  primary key (tenant_id, dataset_id),
  unique (tenant_id, name)
);
alter table dataset enable row level security;
alter table dataset force row level security;
create policy dataset_isolation on dataset
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on dataset to ${app_role};

-- One attempt to write into a dataset. Created 'running' before the file is read (so progress is
-- visible while it streams) and finished as 'committed', 'rejected' or 'interrupted'. The
-- client's Idempotency-Key makes a retried upload return the first outcome instead of writing
-- the rows twice.
create table dataset_upload (
  tenant_id         uuid not null,
  upload_id         uuid not null,
  dataset_id        uuid not null,
  idempotency_key   text,
  source            text not null,
  file_name         text,
  status            text not null check (status in ('running', 'committed', 'rejected', 'interrupted')),
  bytes_read        bigint not null default 0,
  rows_read         bigint not null default 0,
  rows_written      bigint not null default 0,
  rows_quarantined  bigint not null default 0,
  rows_deduplicated bigint not null default 0,
  blank_lines       bigint not null default 0,
  snapshot_id       bigint,
  problem           text,
  node_id           text not null,
  started_at        timestamptz not null default now(),
  started_by        text not null,
  finished_at       timestamptz,
  primary key (tenant_id, upload_id),
  foreign key (tenant_id, dataset_id) references dataset (tenant_id, dataset_id) on delete cascade
);
create unique index dataset_upload_idempotency
  on dataset_upload (tenant_id, dataset_id, idempotency_key) where idempotency_key is not null;
create index dataset_upload_recent on dataset_upload (tenant_id, dataset_id, started_at desc);
alter table dataset_upload enable row level security;
alter table dataset_upload force row level security;
create policy dataset_upload_isolation on dataset_upload
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
-- At start-up a node marks the uploads it was running when it stopped as interrupted, for every
-- tenant at once (platform scope; the rows hold counts, never tenant data).
create policy dataset_upload_recovery on dataset_upload
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on dataset_upload to ${app_role};

-- Rows that failed standardization or validation, with the rule and the reason. The raw row is
-- encrypted with the tenant's data key like the dataset's files: quarantined data is still the
-- tenant's data. Written in the commit transaction of the upload that read them.
create table dataset_quarantine (
  tenant_id      uuid not null,
  dataset_id     uuid not null,
  row_id         bigint generated always as identity,
  upload_id      uuid not null,
  source_row     bigint not null,
  rule           text not null,
  reason         text not null,
  raw_row        bytea not null,
  status         text not null default 'open' check (status in ('open', 'replayed', 'discarded')),
  resolved_at    timestamptz,
  resolved_by    text,
  primary key (tenant_id, dataset_id, row_id),
  foreign key (tenant_id, dataset_id) references dataset (tenant_id, dataset_id) on delete cascade
);
create index dataset_quarantine_open on dataset_quarantine (tenant_id, dataset_id, status, row_id);
alter table dataset_quarantine enable row level security;
alter table dataset_quarantine force row level security;
create policy dataset_quarantine_isolation on dataset_quarantine
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on dataset_quarantine to ${app_role};
