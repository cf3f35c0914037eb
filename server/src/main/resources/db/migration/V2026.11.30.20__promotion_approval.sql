-- Four-eyes promotion: a model can require a second approver before a version becomes its
-- champion. The request waits here until someone other than the requester approves or rejects it.
alter table model add column second_approver boolean not null default false;

create table model_promotion_request (
  tenant_id          uuid not null,
  request_id         uuid not null,
  model_id           uuid not null,
  version            integer not null,
  reason             text,
  requested_by_subject text not null,               -- the token subject: who may not approve
  requested_by       text not null,
  requested_at       timestamptz not null default now(),
  status             text not null default 'pending'
                     check (status in ('pending', 'approved', 'rejected')),
  decided_by         text,
  decided_at         timestamptz,
  note               text,
  primary key (tenant_id, request_id),
  foreign key (tenant_id, model_id) references model (tenant_id, model_id) on delete cascade
);
-- One open request per model: a second one would race the first for the champion alias.
create unique index model_promotion_request_one_pending
  on model_promotion_request (tenant_id, model_id) where status = 'pending';
alter table model_promotion_request enable row level security;
alter table model_promotion_request force row level security;
create policy model_promotion_request_isolation on model_promotion_request
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on model_promotion_request to ${app_role};
