package dev.rcguard.internal.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.Hazelcast;
import dev.rcguard.ConfigurationException;
import dev.rcguard.Decision;
import dev.rcguard.Decision.Kind;
import dev.rcguard.Reason;
import dev.rcguard.internal.budget.BudgetStore.Remembered;
import dev.rcguard.spi.RingCentralClient.RateLimit;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How an application outside Payara gets its store: {@code rcguard.jcache-uri} names a Hazelcast member
 * configuration on its class path; the store starts the member through JCache, and closing the guard stops it.
 */
class JCacheStoreOpeningTest {

    static final Policy HALF = new Policy(0.5, 10_000);
    static final String MEMBER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    @Test
    void aConfigurationOnTheClassPath_startsAMember_andClosingTheStoreStopsIt() throws Exception {
        BudgetStore store = JCacheBudgetStore.open(MEMBER, URI.create("classpath:rcguard-hazelcast-test.xml"), HALF);
        try {
            assertThat(Hazelcast.getHazelcastInstanceByName("rcguard-opening-test"))
                    .isNotNull();

            Budget.Admission admission = store.admit("user|Light", "Light", 0, false);
            assertThat(admission.live()).isTrue();
            store.observe("user|Light", new RateLimit("Light", 50, 48, Duration.ofSeconds(60)), 0);
            assertThat(store.budget("user|Light").remainingNow(0)).isEqualTo(48);
            assertThat(store.budget("user|Light").tokensAt(0, HALF)).isEqualTo(4.0);

            Decision denied =
                    Decision.denied(Kind.FEATURE, "SMSSending", new Reason("NotAvailable", "No; not today", "Sms"));
            store.remember("user|FEATURE|SMSSending|", new Remembered(denied, 5), 10_005);
            assertThat(store.latest("user|FEATURE|SMSSending|", 6)).isEqualTo(new Remembered(denied, 5));
            store.remember("user|FEATURE|SMSSending|", new Remembered(Decision.granted(), 4), 10_004);
            assertThat(store.latest("user|FEATURE|SMSSending|", 6).decision())
                    .as("an older decision never replaces a newer one")
                    .isEqualTo(denied);

            store.learn("token-hash", "400100/400101", 0, 60_000);
            assertThat(store.userOf("token-hash", 1)).isEqualTo(new BudgetStore.TokenUser("400100/400101", 60_000));
            assertThat(store.userOf("token-hash", 60_000)).isNull();
        } finally {
            ((AutoCloseable) store).close();
        }
        assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
    }

    @Test
    void withoutAProviderOrConfiguration_startUpFailsNamingTheKey() {
        assertThatThrownBy(() -> JCacheBudgetStore.open(MEMBER, URI.create("classpath:no-such-file.xml"), HALF))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rcguard.rate-limit-store");
        assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
    }
}
