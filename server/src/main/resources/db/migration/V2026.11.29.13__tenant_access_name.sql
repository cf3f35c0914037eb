-- resolve_tenant_access also returns the tenant's display name (the console shows it in the
-- tenant switcher). Same rules as before: runs as the caller under row-level security.
drop function resolve_tenant_access(text, text);
create function resolve_tenant_access(p_slug text, p_subject text)
  returns table (tenant_id uuid, status text, roles text, name text)
  language plpgsql volatile
  set search_path = public
as $$
declare
  found_id uuid;
  found_status text;
  found_name text;
begin
  perform set_config('millwright.scope', 'platform', true);
  select t.id, t.status, t.name into found_id, found_status, found_name
    from tenant t where t.slug = p_slug and t.status <> 'PURGED';
  if found_id is null then
    return;
  end if;
  perform set_config('millwright.tenant_id', found_id::text, true);
  return query
    select found_id, found_status, m.roles, found_name
      from (select 1) one
      left join tenant_member m on m.tenant_id = found_id and m.user_id = p_subject;
end;
$$;
revoke all on function resolve_tenant_access(text, text) from public;
grant execute on function resolve_tenant_access(text, text) to ${app_role};
