-- The append-only, hash-chained audit trail, one chain per tenant (the nil UUID is the platform's).
-- The application role may insert and read, never update or delete: tampering needs the owner or a
-- superuser, and verify() recomputes the chain to show it.
create table audit_entry (
  tenant_id       uuid not null,
  seq             bigint not null check (seq > 0),
  id              uuid not null,
  occurred_at     timestamptz not null,
  actor           text not null,
  actor_type      text not null check (actor_type in ('USER', 'SERVICE', 'SYSTEM', 'ANONYMOUS')),
  action          text not null,
  target          text not null,
  outcome         text not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
  request_id      text,
  source_address  text,
  details         text not null default '{}',
  prev_hash       bytea not null,
  hash            bytea not null,
  primary key (tenant_id, seq)
);
create index audit_entry_time on audit_entry (tenant_id, occurred_at);
create index audit_entry_actor on audit_entry (tenant_id, actor, seq);
create index audit_entry_action on audit_entry (tenant_id, action, seq);

alter table audit_entry enable row level security;
alter table audit_entry force row level security;
create policy audit_isolation on audit_entry
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert on audit_entry to ${app_role};
