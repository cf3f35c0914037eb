package io.millwright.server.architecture;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.millwright.server.security.PlatformAdminOnly;
import io.millwright.server.security.SignedBySender;
import io.millwright.server.security.TenantRoles;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.util.List;

/** HTTP methods of resources must carry a guard annotation, on themselves or their class. */
final class GuardedResourceMethods {

  private GuardedResourceMethods() {}

  static ArchCondition<JavaMethod> beGuarded() {
    return new ArchCondition<>("carry @TenantRoles, @PlatformAdminOnly or @SignedBySender") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        boolean http =
            List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class).stream()
                .anyMatch(method::isAnnotatedWith);
        if (!http) {
          return;
        }
        boolean guarded =
            method.isAnnotatedWith(TenantRoles.class)
                || method.isAnnotatedWith(PlatformAdminOnly.class)
                || method.isAnnotatedWith(SignedBySender.class)
                || method.getOwner().isAnnotatedWith(TenantRoles.class)
                || method.getOwner().isAnnotatedWith(PlatformAdminOnly.class);
        if (!guarded) {
          events.add(
              SimpleConditionEvent.violated(
                  method,
                  method.getFullName()
                      + " has no @TenantRoles, @PlatformAdminOnly or @SignedBySender"));
        }
      }
    };
  }
}
