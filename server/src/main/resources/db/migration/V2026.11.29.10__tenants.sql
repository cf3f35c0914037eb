-- Tenant registry, tenant data keys, memberships and idempotency records.
-- Row-level security is the second wall behind the application's own filters: a session sees tenant
-- rows only for the tenant named in the per-transaction setting millwright.tenant_id; registry rows
-- also in the platform scope (millwright.scope = 'platform'), which only the edge and admin API set.

create table tenant (
  id                       uuid primary key,
  slug                     text not null,
  name                     text not null check (length(name) between 1 and 200),
  plan                     text not null,
  status                   text not null check (status in ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'DELETED', 'PURGED')),
  admin_email              text not null,
  gpu_concurrency          integer not null check (gpu_concurrency >= 0),
  gpu_hours_per_month      integer not null check (gpu_hours_per_month >= 0),
  storage_gb               integer not null check (storage_gb >= 0),
  api_requests_per_minute  integer not null check (api_requests_per_minute >= 0),
  keycloak_org_id          text,
  provisioning_node        text,
  provisioning_boot        text,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  deleted_at               timestamptz,
  purge_after              timestamptz,
  purged_at                timestamptz,
  version                  bigint not null default 0
);
-- A purged tenant's slug may be taken again; a live one's never.
create unique index tenant_live_slug on tenant (slug) where status <> 'PURGED';
create index tenant_status on tenant (status, created_at);

alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_visibility on tenant
  using (current_setting('millwright.scope', true) = 'platform'
         or id = nullif(current_setting('millwright.tenant_id', true), '')::uuid)
  with check (current_setting('millwright.scope', true) = 'platform');
grant select, insert, update, delete on tenant to ${app_role};

-- The tenant's data key, wrapped under the platform master key. Deleting the row is crypto-shredding.
create table tenant_key (
  tenant_id    uuid primary key,
  key_version  integer not null default 1,
  wrapped_key  bytea not null,
  created_at   timestamptz not null default now()
);
alter table tenant_key enable row level security;
alter table tenant_key force row level security;
create policy tenant_key_isolation on tenant_key
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, delete on tenant_key to ${app_role};

-- Who belongs to a tenant, with which roles. The user id is the Keycloak subject.
create table tenant_member (
  tenant_id   uuid not null,
  user_id     text not null,
  email       text not null,
  roles       text not null check (roles ~ '^(tenant-admin|data-engineer|analyst|finance|auditor)(,(tenant-admin|data-engineer|analyst|finance|auditor))*$'),
  added_at    timestamptz not null default now(),
  added_by    text not null,
  primary key (tenant_id, user_id)
);
create unique index tenant_member_email on tenant_member (tenant_id, lower(email));
alter table tenant_member enable row level security;
alter table tenant_member force row level security;
create policy tenant_member_isolation on tenant_member
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on tenant_member to ${app_role};

-- Replays of admin API calls sent with an Idempotency-Key header.
create table idempotency_record (
  caller        text not null,
  key           text not null,
  request_hash  text not null,
  status        integer not null,
  location      text,
  body          text not null,
  created_at    timestamptz not null default now(),
  primary key (caller, key)
);
alter table idempotency_record enable row level security;
alter table idempotency_record force row level security;
create policy idempotency_platform_only on idempotency_record
  using (current_setting('millwright.scope', true) = 'platform');
grant select, insert, delete on idempotency_record to ${app_role};
