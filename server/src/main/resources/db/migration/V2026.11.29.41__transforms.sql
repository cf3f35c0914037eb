-- SQL transforms: a named query over a tenant's datasets whose result is materialized into a
-- target dataset, re-runnable; each run is a version of the target that records the versions of
-- its inputs (lineage). Tenant data: tenant_id leads the key, row-level security as everywhere.
create table dataset_transform (
  tenant_id      uuid not null,
  name           text not null check (name ~ '^[a-z][a-z0-9_]{1,63}$'),
  description    text not null default '' check (length(description) <= 2000),
  query          text not null check (length(query) between 1 and 20000),
  target         text not null check (target ~ '^[a-z][a-z0-9_]{1,63}$'),
  created_at     timestamptz not null default now(),
  created_by     text not null,
  updated_at     timestamptz not null default now(),
  version        bigint not null default 0,
  primary key (tenant_id, name)
);
alter table dataset_transform enable row level security;
alter table dataset_transform force row level security;
create policy dataset_transform_isolation on dataset_transform
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on dataset_transform to ${app_role};
