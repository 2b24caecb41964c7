package dev.cairn.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.vfs.TypePolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySettingsTest {
    private static final PolicySettings D = PolicySettings.DEFAULTS;

    @Test
    void tableGivesDevptsAndNinePListedButNotUserMountable() {
        assertThat(D.policyFor("devpts")).isEqualTo(new TypePolicy(false, true, false));
        assertThat(D.policyFor("9p")).isEqualTo(new TypePolicy(false, true, false));
        for (String t : new String[] {"devtmpfs", "overlay", "proc", "sysfs", "tmpfs", "fuse"}) {
            assertThat(D.policyFor(t)).as(t).isEqualTo(TypePolicy.USER_MOUNTABLE);
        }
    }

    @Test
    void thirdPartyTypesAreListOnly() {
        assertThat(D.policyFor("hello")).isEqualTo(TypePolicy.LIST_ONLY);
    }

    @Test
    void configurationAddsRemovesHidesAndRequiresDevices() {
        PolicySettings s = new PolicySettings(Set.of("hello", "devpts"), Set.of("tmpfs", "hello"),
                Set.of("proc"), Set.of("sysfs"), 10);
        assertThat(s.policyFor("devpts").allowUserMount()).isTrue();
        assertThat(s.policyFor("hello").allowUserMount()).as("deny wins over allow").isFalse();
        assertThat(s.policyFor("tmpfs").allowUserMount()).isFalse();
        assertThat(s.policyFor("proc")).isEqualTo(new TypePolicy(true, false, false));
        assertThat(s.policyFor("sysfs")).isEqualTo(new TypePolicy(true, true, true));
    }

    @Test
    void configurationPropertiesAreReadLeniently() {
        PolicySettings s = PolicySettings.from(java.util.Map.of(
                "allowUserMount", new String[] {" hello ", "", "a,b"},
                "denyUserMount", "[\"tmpfs\", \"proc\"]",
                "unlisted", java.util.List.of("devpts"),
                "typeWaitMillis", "250"));
        assertThat(s.allowUserMount()).containsExactlyInAnyOrder("hello", "a", "b");
        assertThat(s.denyUserMount()).containsExactlyInAnyOrder("tmpfs", "proc");
        assertThat(s.unlisted()).containsExactly("devpts");
        assertThat(s.requiresDevice()).isEmpty();
        assertThat(s.typeWaitMillis()).isEqualTo(250);
    }

    @Test
    void aMalformedWaitFallsBackToTheDefault() {
        assertThat(PolicySettings.from(java.util.Map.of("typeWaitMillis", "soon")).typeWaitMillis())
                .isEqualTo(PolicySettings.DEFAULT_TYPE_WAIT_MILLIS);
        assertThat(PolicySettings.from(java.util.Map.of("typeWaitMillis", 7L)).typeWaitMillis()).isEqualTo(7);
        assertThat(PolicySettings.from(java.util.Map.of())).isEqualTo(PolicySettings.DEFAULTS);
        assertThat(PolicySettings.from(null)).isEqualTo(PolicySettings.DEFAULTS);
    }

    @Test
    void negativeWaitIsClampedToZero() {
        assertThat(new PolicySettings(Set.of(), Set.of(), Set.of(), Set.of(), -5).typeWaitMillis()).isZero();
    }
}
