-- resolve_tenant_access also returns the tenant's API request quota, so the edge can enforce it
-- in the same single round trip. Same rules: runs as the caller under row-level security.
drop function resolve_tenant_access(text, text);
create function resolve_tenant_access(p_slug text, p_subject text)
  returns table (tenant_id uuid, status text, roles text, name text,
                 api_requests_per_minute integer)
  language plpgsql volatile
  set search_path = public
as $$
declare
  found tenant%rowtype;
begin
  perform set_config('millwright.scope', 'platform', true);
  select * into found from tenant t where t.slug = p_slug and t.status <> 'PURGED';
  if found.id is null then
    return;
  end if;
  perform set_config('millwright.tenant_id', found.id::text, true);
  return query
    select found.id, found.status, m.roles, found.name, found.api_requests_per_minute
      from (select 1) one
      left join tenant_member m on m.tenant_id = found.id and m.user_id = p_subject;
end;
$$;
revoke all on function resolve_tenant_access(text, text) from public;
grant execute on function resolve_tenant_access(text, text) to ${app_role};
