package org.jingzhun.registry.internal;

import org.jingzhun.audit.AuditDisclosure;
import org.jingzhun.platform.Caller;
import org.jingzhun.registry.HouseholdDisclosure;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry's rule on the households it records in the audit trail (as {@link HouseholdRegister} and the
 * imports write them: {@code bankAccount}, {@code members[].idNumber}), so that the trail shows no more than the
 * household's own page would.
 */
@Component
class HouseholdAuditDisclosure implements AuditDisclosure {

    @Override
    public boolean covers(String entity) {
        return "household".equals(entity);
    }

    @Override
    public void disclose(ObjectNode state, String areaCode, Caller caller) {
        HouseholdDisclosure disclosure = HouseholdDisclosure.to(caller);
        // A move records the village before and after: each state is shown as its own village's reader would see it.
        String village = state.path("villageCode").isString() ? state.path("villageCode").asString() : areaCode;
        JsonNode account = state.get("bankAccount");
        if (account != null && account.isString()) {
            String shown = disclosure.bankAccount(account.asString(), village);
            if (shown == null) {
                state.remove("bankAccount");
            } else {
                state.put("bankAccount", shown);
            }
        }
        JsonNode members = state.get("members");
        if (members != null && members.isArray()) {
            for (JsonNode member : members) {
                if (member instanceof ObjectNode m && m.path("idNumber").isString()) {
                    m.put("idNumber", disclosure.idNumber(m.get("idNumber").asString(), village));
                }
            }
        }
    }
}
