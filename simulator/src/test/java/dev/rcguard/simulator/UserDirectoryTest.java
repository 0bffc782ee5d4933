package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link UserDirectory#byToken}: each token's own user, whether the token came with the user or was given since. */
class UserDirectoryTest {

    private final UserDirectory users = new UserDirectory();

    private static SimulatedUser user(int i, String token) {
        return new SimulatedUser("1000", String.valueOf(2000 + i)).token(token);
    }

    @Test
    void findsEachOfThousandsOfUsersByItsOwnToken() {
        for (int i = 0; i < 3_000; i++) {
            users.add(user(i, "token-" + i));
        }

        for (int i = 0; i < 3_000; i += 97) {
            assertThat(users.byToken("token-" + i))
                    .get()
                    .extracting(SimulatedUser::extensionId)
                    .isEqualTo(String.valueOf(2000 + i));
        }
        assertThat(users.byToken("token-3000")).isEmpty();
    }

    @Test
    void findsATokenGivenOrIssuedAfterTheUserWasAdded_evenOneAskedAboutBefore() {
        SimulatedUser alice = user(1, "a1");
        users.add(alice);
        users.add(user(2, "b1"));
        assertThat(users.byToken("a2")).isEmpty();

        alice.token("a2");
        alice.issueToken("a3", Instant.now().plusSeconds(3600));

        assertThat(users.byToken("a2")).containsSame(alice);
        assertThat(users.byToken("a3")).containsSame(alice);
        assertThat(users.byToken("a2")).containsSame(alice);
    }

    @Test
    void forgetsEveryTokenOnClear_soTheSameTokenCanBelongToANewUser() {
        SimulatedUser before = user(1, "t1");
        users.add(before);
        before.token("t2");
        assertThat(users.byToken("t2")).containsSame(before);

        users.clear();
        assertThat(users.byToken("t1")).isEmpty();
        assertThat(users.byToken("t2")).isEmpty();

        SimulatedUser after = user(1, "t1");
        users.add(after);
        assertThat(users.byToken("t1")).containsSame(after);
        assertThat(users.byToken("t2")).isEmpty();
    }

    @Test
    void refusesASecondUserWithAKnownToken() {
        SimulatedUser alice = user(1, "a1");
        users.add(alice);
        alice.token("a2");

        assertThatThrownBy(() -> users.add(user(2, "a1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.add(user(3, "a2"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(users.byToken("a1")).containsSame(alice);
        assertThat(users.size()).isEqualTo(1);
    }
}
