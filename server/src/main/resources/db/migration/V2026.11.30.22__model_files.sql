-- Trained model files a person uploads to import (bring-your-own TorchScript): stored encrypted in
-- the tenant's storage like artifacts, referenced by the training run that imports them.
create table model_file (
  tenant_id    uuid not null,
  file_id      uuid not null,
  name         text,                      -- the file name the person gave, for display only
  location     text not null,
  sha256       text not null,
  bytes        bigint not null,
  uploaded_by  text not null,
  uploaded_at  timestamptz not null default now(),
  primary key (tenant_id, file_id)
);
alter table model_file enable row level security;
alter table model_file force row level security;
create policy model_file_isolation on model_file
  using (tenant_id = nullif(current_setting('millwright.tenant_id', true), '')::uuid);
grant select, insert, update, delete on model_file to ${app_role};

alter table training_run add column model_file uuid;
