-- Which node polls a connection. Every node deploys every active connection's route; without a
-- lease each of them polled the source on its schedule and all but one lost the offset
-- compare-and-set: wasted reads against a customer's ERP. A node polls only while it holds the
-- lease, renewing it with every poll; a lease whose node stopped renewing (crashed, stopped)
-- expires and the next node to poll takes it.
create table connection_lease (
  tenant_id      uuid not null,
  connection_id  uuid not null,
  node_id        text not null,
  acquired_at    timestamptz not null default now(),
  expires_at     timestamptz not null,
  primary key (tenant_id, connection_id),
  foreign key (tenant_id, connection_id) references connection (tenant_id, connection_id)
    on delete cascade
);
alter table connection_lease enable row level security;
alter table connection_lease force row level security;
create policy connection_lease_isolation on connection_lease
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on connection_lease to ${app_role};
