-- A tenant's glossary: the shared definitions departments agree on (term, meaning, type, unit,
-- allowed values). Dataset columns bind to terms; writes are checked against them as a data
-- contract (datasets issue). Tenant data: tenant_id leads the key, row-level security as usual.
create table glossary_term (
  tenant_id       uuid not null,
  term            text not null check (term ~ '^[a-z][a-z0-9_]{1,63}$'),
  definition      text not null check (length(definition) between 1 and 2000),
  data_type       text not null check (data_type in ('string', 'integer', 'decimal', 'boolean', 'date', 'timestamp')),
  unit            text check (unit is null or length(unit) between 1 and 32),
  allowed_values  text not null default '[]',
  created_at      timestamptz not null default now(),
  created_by      text not null,
  updated_at      timestamptz not null default now(),
  version         bigint not null default 0,
  primary key (tenant_id, term)
);
alter table glossary_term enable row level security;
alter table glossary_term force row level security;
create policy glossary_isolation on glossary_term
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on glossary_term to ${app_role};
