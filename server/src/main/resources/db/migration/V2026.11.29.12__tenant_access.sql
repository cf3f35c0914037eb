-- The edge's per-request question (which tenant is this slug, and which roles does this person hold
-- there) in one round trip. It runs as the calling application role, under row-level security: it
-- enters the platform scope to read the registry row, then that tenant's scope to read the
-- membership, exactly as the application would in four statements. Not SECURITY DEFINER on purpose.
create function resolve_tenant_access(p_slug text, p_subject text)
  returns table (tenant_id uuid, status text, roles text)
  language plpgsql volatile
  set search_path = public
as $$
declare
  found_id uuid;
  found_status text;
begin
  perform set_config('millwright.scope', 'platform', true);
  select t.id, t.status into found_id, found_status
    from tenant t where t.slug = p_slug and t.status <> 'PURGED';
  if found_id is null then
    return;
  end if;
  perform set_config('millwright.tenant_id', found_id::text, true);
  return query
    select found_id, found_status, m.roles
      from (select 1) one
      left join tenant_member m on m.tenant_id = found_id and m.user_id = p_subject;
end;
$$;
revoke all on function resolve_tenant_access(text, text) from public;
grant execute on function resolve_tenant_access(text, text) to ${app_role};
